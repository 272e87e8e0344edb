package org.hhms.analytics.threshold;

import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** {@code POST /analytics/thresholds}: an omitted (or null) bound keeps the value it had. */
public record ThresholdRequest(@NotNull(message = "is required") UUID patientId,
        @NotBlank(message = "is required") String metric, Double minValue, Double maxValue) {
}
