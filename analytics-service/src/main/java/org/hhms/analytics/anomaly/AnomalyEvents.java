package org.hhms.analytics.anomaly;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hhms.messaging.outbox.Outbox;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Writes anomaly.detected and anomaly.resolved to the outbox, in the transaction that stores what they describe. */
@Component
public class AnomalyEvents {

    public static final String STREAM = "hhms:anomalies";

    private final Outbox outbox;

    public AnomalyEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void detected(Anomaly anomaly, String traceId, Map<String, Object> details) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("anomaly_id", anomaly.id());
        data.put("patient_id", anomaly.patientId());
        data.put("kind", anomaly.kind());
        data.put("metric", anomaly.metric());
        data.put("observed_value", anomaly.observedValue());
        data.put("severity", anomaly.severity());
        data.put("rule", anomaly.rule());
        data.put("description", anomaly.description());
        data.put("reading_id", anomaly.readingId());
        data.put("reading_time", anomaly.timestamp());
        data.put("threshold_id", anomaly.thresholdId());
        data.put("condition_key", anomaly.conditionKey());
        data.putAll(details);
        append("anomaly.detected", traceId, data);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void resolved(UUID patientId, String conditionKey, String kind, String metric, String description,
            String readingId, Instant readingTime, String traceId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("patient_id", patientId);
        data.put("condition_key", conditionKey);
        data.put("kind", kind);
        data.put("metric", metric);
        data.put("description", description);
        data.put("reading_id", readingId);
        data.put("reading_time", readingTime);
        append("anomaly.resolved", traceId, data);
    }

    private void append(String type, String traceId, Map<String, Object> data) {
        outbox.appendAll(STREAM, type, List.of(data), traceId);
    }
}
