package org.hhms.messaging.stream;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The stream consumers of a service, enabled by setting {@code hhms.consumers.group} (docs/events.md, "Who
 * consumes what").
 *
 * @param group          the consumer group, one per service (e.g. {@code analytics})
 * @param name           this instance's name in the group, unique per instance
 * @param maxDeliveries  deliveries after which a failing entry is dead-lettered
 * @param reclaimIdle    how long an entry must have been pending before it is taken over from a dead instance
 * @param reclaimInterval how often pending entries are looked at
 * @param batchSize      entries read (and handled in one transaction) at once
 */
@ConfigurationProperties("hhms.consumers")
public record ConsumerProperties(String group, String name, @DefaultValue("5") int maxDeliveries,
        @DefaultValue("60s") Duration reclaimIdle, @DefaultValue("30s") Duration reclaimInterval,
        @DefaultValue("100") int batchSize) {
}
