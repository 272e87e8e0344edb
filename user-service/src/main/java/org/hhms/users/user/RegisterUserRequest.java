package org.hhms.users.user;

import com.fasterxml.jackson.annotation.JsonAlias;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /users/register}. {@code name} is accepted for {@code full_name}, as the HHMS seed did. Without a
 * {@code password} the person exists (and can be notified) but cannot sign in.
 */
public record RegisterUserRequest(
        @NotBlank(message = "is required") @Email(message = "must be a valid email address")
        @Size(max = 254, message = "must be at most 254 characters") String email,
        @JsonAlias("name") @NotBlank(message = "is required (full_name or name)")
        @Size(max = 200, message = "must be at most 200 characters") String fullName,
        @NotNull(message = "is required: one of patient, doctor, caretaker, admin") UserRole role,
        @Pattern(regexp = PhoneNumber.E164, message = PhoneNumber.MESSAGE) String phone,
        @Size(max = 200, message = "must be at most 200 characters") String organization,
        @Size(min = 12, max = 128, message = "must be 12 to 128 characters") String password) {

    /** Never prints the password. */
    @Override
    public String toString() {
        return "RegisterUserRequest[email=" + email + ", full_name=" + fullName + ", role=" + role + "]";
    }
}
