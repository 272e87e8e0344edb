package org.hhms.alerts.alert;

import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** HHMS manual alert: severity {@code info}, {@code warning} or {@code critical} in any case; default info. */
public record ManualAlertRequest(UUID patientId,
        @NotBlank(message = "is required") @Size(max = 1000, message = "must be at most 1000 characters") String message,
        String severity) {
}
