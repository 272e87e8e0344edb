package org.hhms.analytics.careplan;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A patient's care plan as it applies now: per metric the effective bounds with where each comes from
 * ({@code default}, {@code patient}, {@code off}, or {@code none} when there is no bound), the persistence a breach
 * needs before it pages, the SpO2 scale, and the latest changes with who made them and why.
 */
public record CarePlan(UUID patientId, int spo2Scale, List<MetricRule> metrics, List<Change> changes) {

    public record MetricRule(String metric, Double min, String minSource, Double max, String maxSource,
            Double defaultMin, Double defaultMax, long confirmAfterSeconds, String confirmAfterSource) {
    }

    public record Change(Instant changedAt, UUID changedBy, String reason, String change) {
    }
}
