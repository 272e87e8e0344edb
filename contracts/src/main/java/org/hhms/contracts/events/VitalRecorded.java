package org.hhms.contracts.events;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

import org.hhms.contracts.vitals.VitalMetric;

/**
 * {@code vital.recorded} on {@code hhms:vitals}: a reading was stored (once per reading). Only the metrics the
 * reading carries are present; the identity of a reading is its patient and {@code readingId}.
 */
public record VitalRecorded(UUID patientId, String readingId, Instant recordedAt, Instant receivedAt, String deviceId,
        Double heartRate, Double spo2, Double respiratoryRate, Double systolicBp, Double diastolicBp,
        Double temperature, Double glucose, Double weightKg, Boolean onOxygen, String consciousness)
        implements EventPayload {

    /** The event of a stored reading, from its values by metric. */
    public static VitalRecorded of(UUID patientId, String readingId, Instant recordedAt, Instant receivedAt,
            String deviceId, Map<VitalMetric, Double> values, Boolean onOxygen, String consciousness) {
        return new VitalRecorded(patientId, readingId, recordedAt, receivedAt, deviceId,
                values.get(VitalMetric.HEART_RATE), values.get(VitalMetric.SPO2),
                values.get(VitalMetric.RESPIRATORY_RATE), values.get(VitalMetric.SYSTOLIC_BP),
                values.get(VitalMetric.DIASTOLIC_BP), values.get(VitalMetric.TEMPERATURE),
                values.get(VitalMetric.GLUCOSE), values.get(VitalMetric.WEIGHT_KG), onOxygen, consciousness);
    }

    /** The metrics present, by metric, in catalogue order. */
    public Map<VitalMetric, Double> metrics() {
        Map<VitalMetric, Double> metrics = new EnumMap<>(VitalMetric.class);
        put(metrics, VitalMetric.HEART_RATE, heartRate);
        put(metrics, VitalMetric.SPO2, spo2);
        put(metrics, VitalMetric.RESPIRATORY_RATE, respiratoryRate);
        put(metrics, VitalMetric.SYSTOLIC_BP, systolicBp);
        put(metrics, VitalMetric.DIASTOLIC_BP, diastolicBp);
        put(metrics, VitalMetric.TEMPERATURE, temperature);
        put(metrics, VitalMetric.GLUCOSE, glucose);
        put(metrics, VitalMetric.WEIGHT_KG, weightKg);
        return metrics;
    }

    private static void put(Map<VitalMetric, Double> metrics, VitalMetric metric, Double value) {
        if (value != null) {
            metrics.put(metric, value);
        }
    }
}
