package org.hhms.users.accounts;

import java.util.UUID;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import org.hhms.users.credentials.PasswordRule;
import org.hhms.web.input.SingleLine;

/** {@code PATCH /users/{id}}: only the fields present change. {@code doctor_id} sets a patient's primary doctor;
 * {@code password} sets a new one and signs the person out everywhere (their refresh tokens are revoked). */
public record UpdateUserRequest(
        @Email(message = "must be a valid email address") @SingleLine(max = 254) String email,
        @SingleLine(max = 200) String fullName,
        @Pattern(regexp = PhoneNumber.E164, message = PhoneNumber.MESSAGE) String phone,
        @SingleLine(max = 200) String organization,
        UUID doctorId,
        @PasswordRule String password) {

    /** Never prints the password. */
    @Override
    public String toString() {
        return "UpdateUserRequest[email=" + email + ", full_name=" + fullName + ", doctor_id=" + doctorId + "]";
    }
}
