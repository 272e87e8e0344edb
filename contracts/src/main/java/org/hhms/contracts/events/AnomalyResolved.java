package org.hhms.contracts.events;

import java.time.Instant;
import java.util.UUID;

import org.hhms.contracts.alarms.AnomalyKind;

/**
 * {@code anomaly.resolved} on {@code hhms:anomalies}: a condition cleared (a value back in range, NEWS2 below the
 * bands, readings arriving again, or the patient deactivated).
 */
public record AnomalyResolved(UUID patientId, String conditionKey, AnomalyKind kind, String metric, String description,
        String readingId, Instant readingTime) implements EventPayload {
}
