package org.hhms.alerts.alert;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.hhms.contracts.alarms.Severity;

/**
 * The HHMS alert JSON, plus the episode and lifecycle fields: {@code recipient_phone}, {@code provider_message_id}
 * and {@code sent_at} describe the first notification that went out; {@code conditions} are the conditions the
 * alert groups (an episode's: every concurrent one, open or cleared).
 */
public record AlertResponse(UUID id, UUID patientId, Severity severity, String message, AlertStatus status,
        String recipientPhone, String providerMessageId, Instant createdAt, Instant sentAt, String errorMessage,
        UUID acknowledgedBy, Instant acknowledgedAt, AlertKind kind, String conditionKey, int occurrenceCount,
        Instant firstSeenAt, Instant lastSeenAt, int escalationLevel, Resolution resolution, Instant resolvedAt,
        Severity acknowledgedSeverity, String acknowledgementNote, Instant snoozedUntil, UUID snoozedBy,
        String snoozeNote, List<AlertConditions.Condition> conditions) {
}
