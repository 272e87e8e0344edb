package org.hhms.users.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /users/login}. */
public record LoginRequest(
        @NotBlank(message = "is required") @Size(max = 254, message = "must be at most 254 characters") String email,
        @NotBlank(message = "is required") @Size(max = 128, message = "must be at most 128 characters")
        String password) {

    @Override
    public String toString() {
        return "LoginRequest[email=" + email + ", password=(hidden)]";
    }
}
