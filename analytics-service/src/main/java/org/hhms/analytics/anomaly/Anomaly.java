package org.hhms.analytics.anomaly;

import java.time.Instant;
import java.util.UUID;

import org.hhms.contracts.alarms.AnomalyKind;
import org.hhms.contracts.alarms.Severity;

/**
 * Something wrong found in a patient's data (HHMS anomaly JSON plus what alerts needs): {@code timestamp} is the
 * time of the reading it was found in; {@code condition_key} groups the anomalies of one ongoing condition;
 * {@code confirmation} says whether it reached the care team.
 */
public record Anomaly(UUID id, UUID patientId, AnomalyKind kind, String metric, String rule, Severity severity,
        Double observedValue, String description, Instant timestamp, String readingId, UUID thresholdId,
        String conditionKey, Instant detectedAt, Confirmation confirmation) {

    public Anomaly withConfirmation(Confirmation value) {
        return new Anomaly(id, patientId, kind, metric, rule, severity, observedValue, description, timestamp,
                readingId, thresholdId, conditionKey, detectedAt, value);
    }
}
