package org.hhms.users.auth;

import jakarta.validation.constraints.NotNull;

import org.hhms.web.input.SingleLine;

/** {@code POST /users/token/refresh} and {@code POST /users/logout}. */
public record RefreshRequest(
        @NotNull(message = "is required") @SingleLine(max = 200) String refreshToken) {

    @Override
    public String toString() {
        return "RefreshRequest[refresh_token=(hidden)]";
    }
}
