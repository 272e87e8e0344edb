package org.hhms.users.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the user-service.
 *
 * @param cacheTtl        how long a cached user lives in Redis; every change evicts it at once anyway
 * @param streamMaxLength approximate cap of the hhms:users stream (XADD MAXLEN ~)
 * @param relayInterval   how often the outbox relay looks for events that could not be sent yet
 */
@ConfigurationProperties("hhms.users")
public record UsersProperties(
        @DefaultValue("10m") Duration cacheTtl,
        @DefaultValue("100000") long streamMaxLength,
        @DefaultValue("500ms") Duration relayInterval) {
}
