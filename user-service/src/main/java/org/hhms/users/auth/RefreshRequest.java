package org.hhms.users.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /users/token/refresh} and {@code POST /users/logout}. */
public record RefreshRequest(
        @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters")
        String refreshToken) {

    @Override
    public String toString() {
        return "RefreshRequest[refresh_token=(hidden)]";
    }
}
