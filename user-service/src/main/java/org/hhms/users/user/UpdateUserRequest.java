package org.hhms.users.user;

import java.util.UUID;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code PATCH /users/{id}}: only the fields present change. {@code doctor_id} sets a patient's primary doctor;
 * {@code password} sets a new one and signs the person out everywhere (their refresh tokens are revoked). */
public record UpdateUserRequest(
        @Email(message = "must be a valid email address")
        @Size(min = 3, max = 254, message = "must be 3 to 254 characters") String email,
        @Size(min = 1, max = 200, message = "must be 1 to 200 characters") String fullName,
        @Pattern(regexp = PhoneNumber.E164, message = PhoneNumber.MESSAGE) String phone,
        @Size(max = 200, message = "must be at most 200 characters") String organization,
        UUID doctorId,
        @Size(min = 12, max = 128, message = "must be 12 to 128 characters") String password) {

    /** Never prints the password. */
    @Override
    public String toString() {
        return "UpdateUserRequest[email=" + email + ", full_name=" + fullName + ", doctor_id=" + doctorId + "]";
    }
}
