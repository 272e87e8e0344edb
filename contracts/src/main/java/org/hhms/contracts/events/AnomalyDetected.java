package org.hhms.contracts.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.hhms.contracts.alarms.AnomalyKind;
import org.hhms.contracts.alarms.Severity;

/**
 * {@code anomaly.detected} on {@code hhms:anomalies}: a new anomaly was stored and its condition is confirmed (never
 * twice for one patient, rule and reading; one held for confirmation is announced once confirmed, never if the next
 * reading contradicted it). {@code conditionKey} is what alerts groups by. The last fields are present by kind: {@code limit}
 * (threshold), the NEWS2 figures (news2), {@code silentMinutes} (stale data).
 */
public record AnomalyDetected(UUID anomalyId, UUID patientId, AnomalyKind kind, String metric, Double observedValue,
        Severity severity, String rule, String description, String readingId, Instant readingTime,
        UUID thresholdId, String conditionKey, Double limit, Integer news2Score, Boolean news2Partial,
        List<String> news2Missing, Long silentMinutes) implements EventPayload {
}
