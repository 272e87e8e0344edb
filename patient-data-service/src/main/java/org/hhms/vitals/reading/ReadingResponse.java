package org.hhms.vitals.reading;

import java.time.Instant;
import java.util.UUID;
import org.hhms.contracts.vitals.VitalMetric;

/** The HHMS reading JSON: every metric key is present, null when the reading does not carry it. */
public record ReadingResponse(UUID patientId, String readingId, Instant timestamp, Instant receivedAt,
        String deviceId, Double heartRate, Double spo2, Double respiratoryRate, Double systolicBp, Double diastolicBp,
        Double temperature, Double glucose, Double weightKg, Boolean onOxygen, Consciousness consciousness) {

    public static ReadingResponse of(Reading r) {
        return new ReadingResponse(r.patientId(), r.readingId(), r.recordedAt(), r.receivedAt(), r.deviceId(),
                r.value(VitalMetric.HEART_RATE), r.value(VitalMetric.SPO2), r.value(VitalMetric.RESPIRATORY_RATE),
                r.value(VitalMetric.SYSTOLIC_BP), r.value(VitalMetric.DIASTOLIC_BP), r.value(VitalMetric.TEMPERATURE),
                r.value(VitalMetric.GLUCOSE), r.value(VitalMetric.WEIGHT_KG), r.onOxygen(), r.consciousness());
    }
}
