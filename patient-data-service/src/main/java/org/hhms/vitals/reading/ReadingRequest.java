package org.hhms.vitals.reading;

import org.hhms.contracts.vitals.VitalMetric;
/**
 * One reading as a device sends it (HHMS flat format). {@code timestamp} is ISO-8601; without an offset it is UTC,
 * and when absent the time of receipt is used. {@code reading_id} is the device's idempotency key.
 */
public record ReadingRequest(
        String timestamp,
        Double heartRate,
        Double spo2,
        Double respiratoryRate,
        Double systolicBp,
        Double diastolicBp,
        Double temperature,
        Double glucose,
        Double weightKg,
        String readingId,
        String deviceId,
        Boolean onOxygen,
        Consciousness consciousness) {

    /**
     * The reading as sent by a device: its {@code device_id} is the token's. A reading naming another device is
     * refused (403) rather than silently relabelled.
     */
    public ReadingRequest sentBy(String tokenDeviceId) {
        if (deviceId != null && !deviceId.equals(tokenDeviceId)) {
            throw org.hhms.security.PatientAccess.forbidden("device_id: this token belongs to device '"
                    + tokenDeviceId + "', not '" + deviceId + "'");
        }
        return new ReadingRequest(timestamp, heartRate, spo2, respiratoryRate, systolicBp, diastolicBp, temperature,
                glucose, weightKg, readingId, tokenDeviceId, onOxygen, consciousness);
    }

    /** The value of one metric, or null when the reading does not carry it. */
    public Double value(VitalMetric metric) {
        return switch (metric) {
            case HEART_RATE -> heartRate;
            case SPO2 -> spo2;
            case RESPIRATORY_RATE -> respiratoryRate;
            case SYSTOLIC_BP -> systolicBp;
            case DIASTOLIC_BP -> diastolicBp;
            case TEMPERATURE -> temperature;
            case GLUCOSE -> glucose;
            case WEIGHT_KG -> weightKg;
        };
    }
}
