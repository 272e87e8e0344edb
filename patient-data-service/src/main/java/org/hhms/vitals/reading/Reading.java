package org.hhms.vitals.reading;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

/** A validated reading as stored: only the metrics it carries are in {@code values}. */
public record Reading(UUID patientId, String readingId, Instant recordedAt, Instant receivedAt, String deviceId,
        Map<Metric, Double> values, Boolean onOxygen, Consciousness consciousness) {

    public Reading {
        EnumMap<Metric, Double> copy = new EnumMap<>(Metric.class);
        copy.putAll(values);
        values = Collections.unmodifiableMap(copy);
    }

    public Double value(Metric metric) {
        return values.get(metric);
    }
}
