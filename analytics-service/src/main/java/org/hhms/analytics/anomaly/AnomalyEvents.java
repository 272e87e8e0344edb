package org.hhms.analytics.anomaly;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.hhms.common.outbox.EventEnvelope;
import org.hhms.common.outbox.OutboxRelay;
import org.hhms.common.redis.RedisKeys;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import tools.jackson.databind.ObjectMapper;

/** Writes anomaly.detected and anomaly.resolved to the outbox, in the transaction that stores what they describe. */
@Component
public class AnomalyEvents {

    public static final String STREAM = "hhms:anomalies";

    private final JdbcClient jdbc;
    private final ObjectMapper mapper;
    private final OutboxRelay relay;
    private final String stream;

    public AnomalyEvents(JdbcClient jdbc, ObjectMapper mapper, OutboxRelay relay, RedisKeys keys) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.relay = relay;
        this.stream = keys.key(STREAM);
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
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID(), type, Instant.now(), traceId, data);
        jdbc.sql("INSERT INTO outbox_events (stream, payload) VALUES (:stream, :payload)")
                .param("stream", stream).param("payload", mapper.writeValueAsString(envelope)).update();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.nudge();
            }
        });
    }
}
