package org.hhms.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.StringRedisTemplate;

import org.hhms.contracts.RedisKeys;
import org.hhms.testsupport.HttpTestSupport;

import tools.jackson.databind.JsonNode;

/** Shared helpers of the user-service HTTP tests: a client on the real port, registration, stream reading. */
abstract class UsersApiSupport extends HttpTestSupport {

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    RedisKeys keys;

    /** Registers a user and returns its id. Emails are made unique per call. */
    UUID register(String role, String name) {
        String email = name.toLowerCase().replace(' ', '.') + "." + UUID.randomUUID().toString().substring(0, 8)
                + "@example.org";
        return register(Map.of("email", email, "full_name", name, "role", role, "phone", "+15555550123"));
    }

    UUID register(Map<String, Object> body) {
        JsonNode created = post("/users/register", body, 201);
        return UUID.fromString(created.get("id").asString());
    }

    void link(UUID doctorId, UUID patientId) {
        post("/users/relationships", Map.of("doctor_id", doctorId, "patient_id", patientId), 200);
    }

    /** Events of hhms:users (this test class's prefix) of one type, waiting up to 5 s for at least one. */
    List<JsonNode> events(String type, UUID about) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<JsonNode> found = List.of();
        while (System.nanoTime() < deadline) {
            found = streamEvents().stream()
                    .filter(e -> e.get("type").asString().equals(type))
                    .filter(e -> about == null || e.get("data").toString().contains(about.toString()))
                    .toList();
            if (!found.isEmpty()) {
                return found;
            }
            sleep(50);
        }
        return found;
    }

    List<JsonNode> streamEvents() {
        List<MapRecord<String, Object, Object>> records = redis.opsForStream()
                .range(keys.key("hhms:users"), Range.unbounded());
        assertThat(records).isNotNull();
        return records.stream().map(r -> mapper.readTree(r.getValue().get("event").toString())).toList();
    }

}
