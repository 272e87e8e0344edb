package org.hhms.users.auth;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;

import org.hhms.users.credentials.PasswordRule;
import org.hhms.web.input.SingleLine;

/** {@code POST /users/login}. */
public record LoginRequest(
        @NotBlank(message = "is required") @Email(message = "must be a valid email address") @SingleLine(max = 254)
        String email,
        @NotBlank(message = "is required") @PasswordRule String password) {

    @Override
    public String toString() {
        return "LoginRequest[email=" + email + ", password=(hidden)]";
    }
}
