package org.hhms.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service checks its callers (see docs/security.md).
 *
 * @param jwtSecret the HS256 key shared by every service ({@code HHMS_JWT_SECRET}, at least 32 bytes); no default
 * @param issuer the {@code iss} every token carries and every service demands
 * @param revocationRefresh how often the revoked device list is re-read from Redis
 * @param careTeamCacheTtl how long a patient's care team is trusted before it is asked for again (a change seen on
 *        {@code hhms:users} evicts it at once)
 * @param userServiceUrl where care teams are looked up (not used by the user-service itself)
 * @param publicPaths paths of this service answered without a token, besides health and API docs
 */
@ConfigurationProperties("hhms.security")
public record SecurityProperties(String jwtSecret, @DefaultValue("hhms") String issuer,
        @DefaultValue("2s") Duration revocationRefresh, @DefaultValue("30s") Duration careTeamCacheTtl,
        @DefaultValue("http://localhost:8081") URI userServiceUrl, @DefaultValue List<String> publicPaths) {
}
