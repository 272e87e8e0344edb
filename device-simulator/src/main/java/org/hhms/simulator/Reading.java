package org.hhms.simulator;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One reading a device sends: its time and the metrics measured then (snake_case names as the API takes them). */
public record Reading(Instant at, Map<String, Double> values) {

    public Reading {
        values = Map.copyOf(values);
    }

    /** The JSON body of {@code POST /patient/{id}}. */
    public Map<String, Object> body(String readingId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timestamp", at.toString());
        body.put("reading_id", readingId);
        body.putAll(values);
        return body;
    }
}
