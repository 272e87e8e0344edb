package org.hhms.gateway.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway checks tokens (the same secret and issuer as the services; see docs/security.md).
 *
 * @param jwtSecret the HS256 key shared with the services ({@code HHMS_JWT_SECRET}); no default
 * @param issuer the {@code iss} every token must carry
 * @param revocationRefresh how often the revoked device list is re-read from Redis
 * @param keyPrefix prefix of the rate limiter's Redis keys (tests use their own)
 */
@ConfigurationProperties("hhms.security")
public record GatewaySecurityProperties(String jwtSecret, @DefaultValue("hhms") String issuer,
        @DefaultValue("2s") Duration revocationRefresh, @DefaultValue("") String keyPrefix) {
}
