package org.hhms.users.auth;

import org.hhms.users.user.UserResponse;

/** What login and refresh answer: a short access token, its successor's key, and who signed in. */
public record TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken,
        long refreshExpiresIn, UserResponse user) {
}
