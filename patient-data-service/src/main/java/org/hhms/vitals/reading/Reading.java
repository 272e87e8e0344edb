package org.hhms.vitals.reading;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import org.hhms.contracts.vitals.VitalMetric;

/** A validated reading as stored: only the metrics it carries are in {@code values}. */
public record Reading(UUID patientId, String readingId, Instant recordedAt, Instant receivedAt, String deviceId,
        Map<VitalMetric, Double> values, Boolean onOxygen, Consciousness consciousness) {

    public Reading {
        EnumMap<VitalMetric, Double> copy = new EnumMap<>(VitalMetric.class);
        copy.putAll(values);
        values = Collections.unmodifiableMap(copy);
    }

    public Double value(VitalMetric metric) {
        return values.get(metric);
    }
}
