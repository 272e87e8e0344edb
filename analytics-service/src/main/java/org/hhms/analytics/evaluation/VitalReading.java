package org.hhms.analytics.evaluation;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.hhms.contracts.events.VitalRecorded;

/**
 * A stored reading as analytics judges it — from a vital.recorded event, or read back for re-evaluation — with its
 * metrics by JSON name ({@code heart_rate}).
 */
public record VitalReading(UUID patientId, String readingId, Instant recordedAt, Instant receivedAt,
        Map<String, Double> metrics, Boolean onOxygen, String consciousness, String traceId) {

    public static VitalReading of(VitalRecorded recorded, String traceId) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        recorded.metrics().forEach((metric, value) -> metrics.put(metric.json(), value));
        return new VitalReading(recorded.patientId(), recorded.readingId(), recorded.recordedAt(),
                recorded.receivedAt(), metrics, recorded.onOxygen(), recorded.consciousness(), traceId);
    }
}
