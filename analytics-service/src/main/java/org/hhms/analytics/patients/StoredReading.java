package org.hhms.analytics.patients;

import java.time.Instant;
import java.util.UUID;

import org.hhms.contracts.events.VitalRecorded;

/**
 * A reading as the patient-data-service answers it ({@code GET /patient/{id}/history/telemetry}, the reading JSON of
 * docs/vitals.md), read back for re-evaluation.
 */
record StoredReading(UUID patientId, String readingId, Instant timestamp, Instant receivedAt, String deviceId,
        Double heartRate, Double spo2, Double respiratoryRate, Double systolicBp, Double diastolicBp,
        Double temperature, Double glucose, Double weightKg, Boolean onOxygen, String consciousness) {

    /** The reading as its vital.recorded event said it. */
    VitalRecorded recorded() {
        return new VitalRecorded(patientId, readingId, timestamp, receivedAt, deviceId, heartRate, spo2,
                respiratoryRate, systolicBp, diastolicBp, temperature, glucose, weightKg, onOxygen, consciousness);
    }
}
