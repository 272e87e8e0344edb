package org.hhms.alerts.notify;

import java.time.Instant;
import java.util.UUID;

import org.hhms.contracts.alarms.Severity;

/** One notification attempt to one person: what was sent, how it went, and when it will be tried again. */
public record Notification(UUID id, UUID alertId, UUID recipientId, String recipientName, String recipientPhone,
        String channel, String purpose, int round, Severity severity, String body, String status, int tries,
        String providerMessageId, String error, Instant nextAttemptAt, Instant createdAt, Instant sentAt) {
}
