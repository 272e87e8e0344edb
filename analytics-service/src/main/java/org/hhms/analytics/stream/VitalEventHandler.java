package org.hhms.analytics.stream;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.hhms.analytics.threshold.Metrics;
import org.hhms.messaging.stream.EventHandler;
import org.hhms.messaging.stream.StreamEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;

/**
 * Turns a vital.recorded envelope into a {@link VitalReading} and has it judged, once per reading (a repeat of the
 * event changes nothing). Other event types are ignored.
 */
@Component
public class VitalEventHandler implements EventHandler {

    private final VitalEvaluator evaluator;
    private final JudgedReadings judged;

    public VitalEventHandler(VitalEvaluator evaluator, JudgedReadings judged) {
        this.evaluator = evaluator;
        this.judged = judged;
    }

    @Override
    @Transactional
    public void handle(StreamEvent event) {
        if ("vital.recorded".equals(event.type())) {
            VitalReading reading = parse(event.data(), event.traceId());
            if (judged.claim(reading.patientId(), reading.readingId())) {
                evaluator.evaluate(reading);
            }
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
