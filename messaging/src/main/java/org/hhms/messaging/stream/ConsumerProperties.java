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
 *                       (20 s: a reading or an anomaly a crashed instance held is handled at most 25 s late — an
 *                       alarm delayed by a crash should cost seconds, not the 90 s of the former 60 s + 30 s —
 *                       while a live instance never holds an entry that long; a second handling is harmless, every
 *                       handler being idempotent)
 * @param reclaimInterval how often pending entries are looked at (5 s)
 * @param batchSize      entries read (and handled in one transaction) at once
 * @param linger         after a read that found fewer entries than a batch, how long to wait before the next one,
 *                       so entries that arrive one by one are handled a few at a time (0: read again at once; each
 *                       entry then waits at most this long more)
 */
@ConfigurationProperties("hhms.consumers")
public record ConsumerProperties(String group, String name, @DefaultValue("5") int maxDeliveries,
        @DefaultValue("20s") Duration reclaimIdle, @DefaultValue("5s") Duration reclaimInterval,
        @DefaultValue("100") int batchSize, @DefaultValue("0ms") Duration linger) {
}
