package org.hhms.vitals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.hhms.messaging.outbox.OutboxRelay;
import org.hhms.testsupport.FakeUserService;
import org.hhms.testsupport.TcpProxy;
import org.hhms.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * The service reaches Redis through a proxy the test cuts: ingest keeps accepting readings, and once Redis is back
 * every acknowledged reading reaches hhms:vitals, in order, exactly as stored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RedisOutageTest extends VitalsApiSupport {

    static final FakeUserService USERS = new FakeUserService();
    static final TcpProxy REDIS = new TcpProxy(TestDatabases.redisHost(), TestDatabases.redisPort());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "hhms_test_outage");
        registry.add("spring.data.redis.url", () -> "redis://127.0.0.1:" + REDIS.port());
        registry.add("hhms.security.user-service-url", USERS::url);
    }

    @Autowired
    OutboxRelay relay;

    @AfterAll
    static void stop() {
        REDIS.close();
        USERS.close();
    }

    @Test
    void readingsAcceptedDuringAnOutageReachTheStreamInOrderWhenRedisReturns() {
        UUID patient = USERS.addPatient();
        post("/patient/" + patient, reading("2026-11-23T07:59:00Z", "heart_rate", 60), 201);
        assertThat(awaitVitalEvents(patient, e -> e.size() == 1)).hasSize(1);
        get("/patient/" + patient + "/latest", 200);

        REDIS.cut();
        for (int i = 0; i < 20; i++) {
            post("/patient/" + patient, reading("2026-11-23T08:%02d:00Z".formatted(i), "heart_rate", 61 + i), 201);
        }
        relay.relayAll();
        assertThat(relay.waiting()).isEqualTo(20);
        // The latest cache missed the outage: it is not trusted, the database answers.
        assertThat(get("/patient/" + patient + "/latest", 200).get("heart_rate").asDouble()).isEqualTo(80.0);

        REDIS.restore();
        List<JsonNode> events = awaitVitalEvents(patient, e -> e.size() == 21, Duration.ofSeconds(40));
        assertThat(events).hasSize(21);
        List<String> storedIds = jdbc.queryForList(
                "SELECT reading_id FROM readings WHERE patient_id = ? ORDER BY recorded_at", String.class, patient);
        assertThat(events).extracting(e -> e.get("data").get("reading_id").asString())
                .containsExactlyElementsOf(storedIds);
        assertThat(events).extracting(e -> e.get("data").get("heart_rate").asDouble())
                .containsExactly(60.0, 61.0, 62.0, 63.0, 64.0, 65.0, 66.0, 67.0, 68.0, 69.0, 70.0, 71.0, 72.0, 73.0,
                        74.0, 75.0, 76.0, 77.0, 78.0, 79.0, 80.0);
        // The relay deletes the sent rows in the transaction around its XADDs: they go right after.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (relay.waiting() > 0 && System.nanoTime() < deadline) {
            sleep(50);
        }
        assertThat(relay.waiting()).isZero();
        assertThat(get("/patient/" + patient + "/latest", 200).get("heart_rate").asDouble()).isEqualTo(80.0);
    }
}
