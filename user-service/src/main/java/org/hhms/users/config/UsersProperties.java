package org.hhms.users.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the user-service.
 *
 * @param cacheTtl        how long a cached user lives in Redis; every change evicts it at once anyway
 */
@ConfigurationProperties("hhms.users")
public record UsersProperties(
        @DefaultValue("10m") Duration cacheTtl) {
}
