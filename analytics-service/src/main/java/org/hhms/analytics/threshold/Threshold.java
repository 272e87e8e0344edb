package org.hhms.analytics.threshold;

import java.time.Instant;
import java.util.UUID;

/** A doctor's threshold for one patient and metric (HHMS threshold JSON). */
public record Threshold(UUID id, UUID patientId, String metric, Double minValue, Double maxValue, Instant createdAt,
        Instant updatedAt) {
}
