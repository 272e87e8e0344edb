package org.hhms.alerts.alert;

import java.time.Instant;
import java.util.UUID;

import org.hhms.contracts.alarms.Severity;

/** An alert as stored: one per condition while unresolved, with its notification state and lifecycle. */
public record Alert(UUID id, UUID patientId, String conditionKey, AlertKind kind, Severity severity, String message,
        AlertStatus status, Resolution resolution, int occurrenceCount, Instant firstSeenAt, Instant lastSeenAt,
        Instant lastReadingAt, int escalationLevel, int round, Instant nextEscalationAt, Instant nextRepeatAt,
        UUID acknowledgedBy, Instant acknowledgedAt, Instant resolvedAt, String errorMessage, Instant createdAt,
        Instant updatedAt) {

}
