package org.hhms.simulator;

import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.hhms.contracts.vitals.VitalMetric;

/**
 * One reading a device sends: its time and the metrics measured then, each within the range a device may report
 * (the shared catalogue; a value outside it would be refused by the API, so it is a simulator bug).
 */
public record Reading(Instant at, Map<VitalMetric, Double> values) {

    public Reading {
        values.forEach((metric, value) -> {
            if (!metric.accepts(value)) {
                throw new IllegalArgumentException(metric.json() + " " + value + " " + metric.rangeRule());
            }
        });
        values = Map.copyOf(new EnumMap<>(values));
    }

    /** The JSON body of {@code POST /patient/{id}}. */
    public Map<String, Object> body(String readingId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timestamp", at.toString());
        body.put("reading_id", readingId);
        new EnumMap<>(values).forEach((metric, value) -> body.put(metric.json(), value));
        return body;
    }
}
