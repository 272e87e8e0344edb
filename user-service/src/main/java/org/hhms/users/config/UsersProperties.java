package org.hhms.users.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the user-service.
 *
 * @param cacheTtl        how long a cached user lives in Redis; every change evicts it at once anyway
 * @param accessTokenTtl  how long an access token from login or refresh is valid
 * @param refreshTokenTtl how long a refresh token may be used (each use replaces it)
 * @param deviceTokenTtl  how long a device token is valid (register the device again to renew it)
 * @param bcryptStrength  the bcrypt cost factor of stored passwords (4 to 31; each step doubles the work)
 * @param admin           the bootstrap admin created on first start when none with that email exists
 */
@ConfigurationProperties("hhms.users")
public record UsersProperties(
        @DefaultValue("10m") Duration cacheTtl,
        @DefaultValue("15m") Duration accessTokenTtl,
        @DefaultValue("7d") Duration refreshTokenTtl,
        @DefaultValue("365d") Duration deviceTokenTtl,
        @DefaultValue("10") int bcryptStrength,
        @DefaultValue Admin admin) {

    /** {@code HHMS_ADMIN_EMAIL}, {@code HHMS_ADMIN_PASSWORD}, {@code HHMS_ADMIN_NAME}; no password, no admin. */
    public record Admin(String email, String password, @DefaultValue("HHMS administrator") String fullName) {
    }
}
