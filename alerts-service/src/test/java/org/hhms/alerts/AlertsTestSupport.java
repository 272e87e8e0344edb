package org.hhms.alerts;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hhms.alerts.careteam.CareTeams;
import org.hhms.contracts.RedisKeys;
import org.hhms.testsupport.HttpTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/** Shared helpers of the alerts tests: care teams, anomaly events, HTTP calls, waiting. */
abstract class AlertsTestSupport extends HttpTestSupport {

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    RedisKeys keys;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CareTeams careTeams;

    /** A patient with a care team of these people (role, phone), in escalation order; returns their ids. */
    List<UUID> team(UUID patient, String... rolesAndPhones) {
        List<Map<String, Object>> members = new java.util.ArrayList<>();
        List<UUID> ids = new java.util.ArrayList<>();
        for (int i = 0; i < rolesAndPhones.length; i += 2) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("user_id", id);
            m.put("full_name", rolesAndPhones[i] + " " + (i / 2 + 1));
            m.put("role", rolesAndPhones[i]);
            m.put("phone", rolesAndPhones[i + 1]);
            m.put("is_primary", i == 0);
            m.put("escalation_order", i / 2 + 1);
            members.add(m);
        }
        careTeams.store(patient, mapper.valueToTree(members), Instant.now());
        return ids;
    }

    /** Publishes an anomaly.detected event as analytics would; returns its event id. */
    UUID detected(UUID patient, String conditionKey, String severity, String description) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("anomaly_id", UUID.randomUUID());
        data.put("patient_id", patient);
        data.put("kind", "threshold");
        data.put("severity", severity);
        data.put("description", description);
        data.put("reading_time", Instant.now());
        data.put("condition_key", conditionKey);
        return publish("anomaly.detected", data);
    }

    UUID resolved(UUID patient, String conditionKey) {
        return publish("anomaly.resolved", Map.of("patient_id", patient, "condition_key", conditionKey,
                "kind", "threshold", "description", "back in range", "reading_time", Instant.now()));
    }

    UUID publish(String type, Map<String, Object> data) {
        UUID eventId = UUID.randomUUID();
        publishRaw(mapper.writeValueAsString(Map.of("event_id", eventId, "type", type, "occurred_at",
                Instant.now(), "data", data)));
        return eventId;
    }

    void publishRaw(String event) {
        redis.opsForStream().add(StreamRecords.mapBacked(Map.of("event", event))
                .withStreamKey(keys.key("hhms:anomalies")));
    }

    long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

}
