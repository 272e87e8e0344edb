package org.hhms.analytics.stream;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.hhms.analytics.threshold.Metrics;
import org.hhms.common.stream.EventHandler;
import org.hhms.common.stream.StreamEvent;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/** Turns a vital.recorded envelope into a {@link VitalReading} and has it judged. Other event types are ignored. */
@Component
public class VitalEventHandler implements EventHandler {

    private final VitalEvaluator evaluator;

    public VitalEventHandler(VitalEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    @Override
    public void handle(StreamEvent event) {
        if ("vital.recorded".equals(event.type())) {
            evaluator.evaluate(parse(event.data(), event.traceId()));
        }
    }

    /** Reads a reading from event data or from a stored reading (same field names; time as recorded_at or timestamp). */
    public static VitalReading parse(JsonNode data, String traceId) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (String metric : Metrics.ALL) {
            JsonNode value = data.get(metric);
            if (value != null && value.isNumber()) {
                metrics.put(metric, value.asDouble());
            }
        }
        JsonNode time = data.has("recorded_at") ? data.get("recorded_at") : data.required("timestamp");
        JsonNode received = data.get("received_at");
        JsonNode oxygen = data.get("on_oxygen");
        JsonNode consciousness = data.get("consciousness");
        return new VitalReading(UUID.fromString(data.required("patient_id").asString()),
                data.required("reading_id").asString(), Instant.parse(time.asString()),
                received == null || received.isNull() ? null : Instant.parse(received.asString()), metrics,
                oxygen == null || oxygen.isNull() ? null : oxygen.asBoolean(),
                consciousness == null || consciousness.isNull() ? null : consciousness.asString(), traceId);
    }
}
