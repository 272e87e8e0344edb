package org.hhms.vitals.latest;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.hhms.vitals.reading.Consciousness;

/**
 * The newest value of every metric of a patient, merged across readings. {@code timestamp} is the newest of them;
 * {@code measured_at} says when each value was taken.
 */
public record LatestReading(UUID patientId, Instant timestamp, Double heartRate, Double spo2, Double respiratoryRate,
        Double systolicBp, Double diastolicBp, Double temperature, Double glucose, Double weightKg, Boolean onOxygen,
        Consciousness consciousness, Map<String, Instant> measuredAt) {
}
