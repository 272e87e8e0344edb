package org.hhms.analytics.news2;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** {@code PUT /analytics/news2/{patient_id}/scale}: the SpO2 scale, 1 or 2. */
public record ScaleRequest(@NotNull(message = "is required: 1 or 2") @Min(value = 1, message = "must be 1 or 2")
        @Max(value = 2, message = "must be 1 or 2") Integer spo2Scale) {
}
