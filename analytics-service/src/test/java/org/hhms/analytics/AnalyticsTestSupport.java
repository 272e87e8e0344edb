package org.hhms.analytics;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hhms.contracts.RedisKeys;
import org.hhms.testsupport.HttpTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.JsonNode;

/** Shared helpers of the analytics tests: publishing vital.recorded events, reading what analytics produced. */
abstract class AnalyticsTestSupport extends HttpTestSupport {

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    RedisKeys keys;

    @Autowired
    JdbcTemplate jdbc;

    /** Publishes a vital.recorded event as the patient-data-service would, and returns its stream id. */
    RecordId publish(UUID patient, String readingId, Instant at, Object... metrics) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("patient_id", patient);
        data.put("reading_id", readingId);
        data.put("recorded_at", at);
        data.put("received_at", Instant.now());
        for (int i = 0; i < metrics.length; i += 2) {
            data.put((String) metrics[i], metrics[i + 1]);
        }
        Map<String, Object> envelope = Map.of("event_id", UUID.randomUUID(), "type", "vital.recorded",
                "occurred_at", Instant.now(), "trace_id", "test-" + readingId, "data", data);
        return publishRaw(mapper.writeValueAsString(envelope));
    }

    RecordId publishRaw(String event) {
        return redis.opsForStream().add(StreamRecords.mapBacked(Map.of("event", event))
                .withStreamKey(keys.key("hhms:vitals")));
    }

    long anomalies(UUID patient, String kind) {
        return jdbc.queryForObject("SELECT count(*) FROM anomalies WHERE patient_id = ? AND kind = ?", Long.class,
                patient, kind);
    }

    /** Events of hhms:anomalies about a patient, oldest first. */
    List<JsonNode> anomalyEvents(UUID patient) {
        List<MapRecord<String, Object, Object>> records = redis.opsForStream()
                .range(keys.key("hhms:anomalies"), Range.unbounded());
        return records == null ? List.of() : records.stream()
                .map(r -> mapper.readTree(r.getValue().get("event").toString()))
                .filter(e -> e.get("data").get("patient_id").asString().equals(patient.toString()))
                .toList();
    }

}
