package org.hhms.alerts.alert;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;

import org.hhms.web.input.Paragraph;
import org.hhms.web.input.SingleLine;

/** HHMS manual alert: severity {@code info}, {@code warning} or {@code critical} in any case; default info. */
public record ManualAlertRequest(UUID patientId,
        @NotNull(message = "is required") @Paragraph(max = 1000) String message,
        @SingleLine(max = 20) String severity) {
}
