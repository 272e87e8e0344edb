package org.hhms.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hhms.common.redis.RedisKeys;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Shared helpers of the analytics tests: publishing vital.recorded events, reading what analytics produced. */
abstract class AnalyticsTestSupport {

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper mapper;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    RedisKeys keys;

    @Autowired
    JdbcTemplate jdbc;

    RestTestClient client;

    @BeforeEach
    void bindClient() {
        client = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
    }

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

    JsonNode get(String path, int expectedStatus) {
        String json = client.get().uri(path).exchange().expectStatus().isEqualTo(expectedStatus)
                .expectBody(String.class).returnResult().getResponseBody();
        return mapper.readTree(json);
    }

    JsonNode post(String path, Object body, int expectedStatus) {
        String json = client.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).exchange()
                .expectStatus().isEqualTo(expectedStatus).expectBody(String.class).returnResult().getResponseBody();
        return mapper.readTree(json);
    }

    /** Polls until the condition holds or the timeout passes; returns whether it held. */
    static boolean await(Duration timeout, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            sleep(50);
        }
        return condition.getAsBoolean();
    }


    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
