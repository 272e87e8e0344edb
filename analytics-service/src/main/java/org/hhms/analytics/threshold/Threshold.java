package org.hhms.analytics.threshold;

import java.time.Instant;
import java.util.UUID;

/**
 * A doctor's threshold for one patient and metric (HHMS threshold JSON), with the rest of the patient's care plan
 * for it: a default bound switched off ({@code minOff}, {@code maxOff}) and how long a breach must persist before
 * it pages ({@code persistSeconds}; null: the clinical default).
 */
public record Threshold(UUID id, UUID patientId, String metric, Double minValue, Double maxValue, Instant createdAt,
        Instant updatedAt, boolean minOff, boolean maxOff, Integer persistSeconds) {
}
