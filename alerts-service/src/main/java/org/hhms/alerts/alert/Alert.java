package org.hhms.alerts.alert;

import java.time.Instant;
import java.util.UUID;

import org.hhms.contracts.alarms.Severity;

/**
 * An alert as stored, with its notification state and lifecycle: a patient's clinical episode (one at a time, every
 * concurrent condition in it), a technical alert, or a manual one. {@code acknowledgedSeverity} is what the last
 * acknowledgement covered; {@code snoozedUntil} holds repeats and escalation until then.
 */
public record Alert(UUID id, UUID patientId, String conditionKey, AlertKind kind, Severity severity, String message,
        AlertStatus status, Resolution resolution, int occurrenceCount, Instant firstSeenAt, Instant lastSeenAt,
        Instant lastReadingAt, int escalationLevel, int round, Instant nextEscalationAt, Instant nextRepeatAt,
        UUID acknowledgedBy, Instant acknowledgedAt, Instant resolvedAt, String errorMessage, Instant createdAt,
        Instant updatedAt, Severity acknowledgedSeverity, String acknowledgementNote, Instant snoozedUntil,
        UUID snoozedBy, String snoozeNote) {

    /** Snoozed at this moment: repeats and escalation wait. */
    public boolean snoozedAt(Instant now) {
        return snoozedUntil != null && snoozedUntil.isAfter(now);
    }

}
