package org.hhms.users.careteam;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** Body of the HHMS relationship routes. */
public record DoctorPatientLink(@NotNull(message = "is required") UUID doctorId,
        @NotNull(message = "is required") UUID patientId) {
}
