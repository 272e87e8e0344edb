package org.hhms.contracts.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.hhms.contracts.alarms.AnomalyKind;
import org.hhms.contracts.alarms.Severity;

/**
 * {@code anomaly.contradicted} on {@code hhms:anomalies}: a held breach (docs/analytics.md, "Confirmation before
 * paging") that the next reading contradicted. It pages nobody; an open episode of the patient lists it in its
 * history. {@code anomalyIds} are the held anomalies, {@code severity} the highest of them; {@code readingId} and {@code readingTime} the reading that
 * contradicted them.
 */
public record AnomalyContradicted(UUID patientId, String conditionKey, AnomalyKind kind, String metric,
        Severity severity, List<UUID> anomalyIds, String description, String readingId, Instant readingTime)
        implements EventPayload {
}
