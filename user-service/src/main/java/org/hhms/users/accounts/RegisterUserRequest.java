package org.hhms.users.accounts;

import com.fasterxml.jackson.annotation.JsonAlias;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.hhms.users.credentials.PasswordRule;
import org.hhms.users.user.UserRole;
import org.hhms.web.input.SingleLine;

/**
 * {@code POST /users/register}. {@code name} is accepted for {@code full_name}, as the HHMS seed did. Without a
 * {@code password} the person exists (and can be notified) but cannot sign in.
 */
public record RegisterUserRequest(
        @NotBlank(message = "is required") @Email(message = "must be a valid email address")
        @SingleLine(max = 254) String email,
        @JsonAlias("name") @NotNull(message = "is required (full_name or name)") @SingleLine(max = 200)
        String fullName,
        @NotNull(message = "is required: one of patient, doctor, caretaker, admin") UserRole role,
        @Pattern(regexp = PhoneNumber.E164, message = PhoneNumber.MESSAGE) String phone,
        @SingleLine(max = 200) String organization,
        @PasswordRule String password) {

    /** Never prints the password. */
    @Override
    public String toString() {
        return "RegisterUserRequest[email=" + email + ", full_name=" + fullName + ", role=" + role + "]";
    }
}
