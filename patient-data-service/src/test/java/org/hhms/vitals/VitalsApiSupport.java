package org.hhms.vitals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.hhms.contracts.RedisKeys;
import org.hhms.testsupport.HttpTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.JsonNode;

/** Shared helpers of the patient-data-service HTTP tests. */
abstract class VitalsApiSupport extends HttpTestSupport {

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    RedisKeys keys;

    @Autowired
    JdbcTemplate jdbc;

    long rows(UUID patientId) {
        return jdbc.queryForObject("SELECT count(*) FROM readings WHERE patient_id = ?", Long.class, patientId);
    }

    /** The vital.recorded events of hhms:vitals (this class's prefix) about a patient, oldest first. */
    List<JsonNode> vitalEvents(UUID patientId) {
        List<MapRecord<String, Object, Object>> records = redis.opsForStream()
                .range(keys.key("hhms:vitals"), Range.unbounded());
        return records == null ? List.of() : records.stream()
                .map(r -> mapper.readTree(r.getValue().get("event").toString()))
                .filter(e -> e.get("data").get("patient_id").asString().equals(patientId.toString()))
                .toList();
    }

    /** Waits up to 5 s for the events of a patient to satisfy a condition, and returns them. */
    List<JsonNode> awaitVitalEvents(UUID patientId, Predicate<List<JsonNode>> condition) {
        return awaitVitalEvents(patientId, condition, Duration.ofSeconds(5));
    }

    List<JsonNode> awaitVitalEvents(UUID patientId, Predicate<List<JsonNode>> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<JsonNode> events = safeVitalEvents(patientId);
        while (!condition.test(events) && System.nanoTime() < deadline) {
            sleep(50);
            events = safeVitalEvents(patientId);
        }
        return events;
    }

    private List<JsonNode> safeVitalEvents(UUID patientId) {
        try {
            return vitalEvents(patientId);
        } catch (org.springframework.dao.DataAccessException e) {
            return List.of(); // Redis not reachable (yet)
        }
    }

    static Map<String, Object> reading(String timestamp, Object... keyValues) {
        Map<String, Object> reading = new java.util.LinkedHashMap<>();
        if (timestamp != null) {
            reading.put("timestamp", timestamp);
        }
        for (int i = 0; i < keyValues.length; i += 2) {
            reading.put((String) keyValues[i], keyValues[i + 1]);
        }
        return reading;
    }

}
