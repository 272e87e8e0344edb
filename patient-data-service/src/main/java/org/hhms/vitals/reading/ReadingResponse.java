package org.hhms.vitals.reading;

import java.time.Instant;
import java.util.UUID;

/** The HHMS reading JSON: every metric key is present, null when the reading does not carry it. */
public record ReadingResponse(UUID patientId, String readingId, Instant timestamp, Instant receivedAt,
        String deviceId, Double heartRate, Double spo2, Double respiratoryRate, Double systolicBp, Double diastolicBp,
        Double temperature, Double glucose, Double weightKg, Boolean onOxygen, Consciousness consciousness) {

    public static ReadingResponse of(Reading r) {
        return new ReadingResponse(r.patientId(), r.readingId(), r.recordedAt(), r.receivedAt(), r.deviceId(),
                r.value(Metric.HEART_RATE), r.value(Metric.SPO2), r.value(Metric.RESPIRATORY_RATE),
                r.value(Metric.SYSTOLIC_BP), r.value(Metric.DIASTOLIC_BP), r.value(Metric.TEMPERATURE),
                r.value(Metric.GLUCOSE), r.value(Metric.WEIGHT_KG), r.onOxygen(), r.consciousness());
    }
}
