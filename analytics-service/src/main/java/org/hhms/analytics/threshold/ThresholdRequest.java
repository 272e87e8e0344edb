package org.hhms.analytics.threshold;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;

import org.hhms.web.input.SingleLine;

/** {@code POST /analytics/thresholds}: an omitted (or null) bound keeps the value it had. */
public record ThresholdRequest(@NotNull(message = "is required") UUID patientId,
        @NotNull(message = "is required") @SingleLine(max = 40) String metric, Double minValue, Double maxValue) {
}
