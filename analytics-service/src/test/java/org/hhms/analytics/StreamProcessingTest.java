package org.hhms.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.hhms.messaging.stream.GroupConsumer;
import org.hhms.testsupport.FakeUserService;
import org.hhms.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

/** Consuming hhms:vitals with real Redis and PostgreSQL: exact anomalies, no duplicates, takeover, dead letters. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StreamProcessingTest extends AnalyticsTestSupport {

    static final FakeUserService USERS = new FakeUserService();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "hhms_test_stream");
        registry.add("hhms.security.user-service-url", USERS::url);
        // These tests are about other rules: a condition ends at the first reading back in range.
        registry.add("hhms.analytics.confirmation.clear-after", () -> "0s");
        registry.add("hhms.consumers.reclaim-idle", () -> "300ms");
        registry.add("hhms.consumers.reclaim-interval", () -> "300ms");
        registry.add("hhms.consumers.max-deliveries", () -> 3);
    }

    @Autowired
    @Qualifier("vitalsConsumer")
    GroupConsumer vitalsConsumer;

    @AfterAll
    static void stop() {
        USERS.close();
    }

    @Test
    void aThousandReadingsGiveExactlyTheExpectedAnomalies() {
        List<UUID> patients = new ArrayList<>();
        for (int p = 0; p < 10; p++) {
            patients.add(USERS.addPatient());
        }
        Instant start = Instant.now().minus(Duration.ofMinutes(50));
        int expectedHigh = 0;
        for (int i = 0; i < 1000; i++) {
            UUID patient = patients.get(i % 10);
            // Twenty times per patient a heart rate of 145: above the default 130 (warning: not beyond 148) and a
            // NEWS2 pulse score of 3 (urgent review). Ten of them stand alone between normal readings: held, then
            // contradicted by the next reading, paging nobody. The other ten come as five pairs, one reading after
            // the other: the second confirms the breach and both are announced; the normal reading after clears it.
            int block = i / 10;
            boolean high = block % 10 == 3 || block % 20 == 7 || block % 20 == 8;
            expectedHigh += high ? 1 : 0;
            publish(patient, "r-" + i, start.plusSeconds(i), "heart_rate", high ? 145 : 72, "spo2", 97);
        }
        assertThat(expectedHigh).isEqualTo(200);
        assertThat(await(Duration.ofSeconds(30), () -> total("threshold") == 200 && total("news2") == 200
                && processed() == 1000)).as("200 threshold and 200 NEWS2 anomalies stored").isTrue();
        for (UUID patient : patients) {
            assertThat(anomalies(patient, "threshold")).isEqualTo(20);
            assertThat(confirmation(patient, "contradicted")).as("the lone ones: threshold and NEWS2")
                    .isEqualTo(20);
            assertThat(confirmation(patient, "announced")).as("the pairs").isEqualTo(20);
            List<JsonNode> events = awaitEvents(patient, 50);
            // per pair: two anomalies of each condition, and each condition cleared once
            assertThat(events.stream().filter(e -> e.get("type").asString().equals("anomaly.detected"))).hasSize(20);
            assertThat(events.stream().filter(e -> e.get("type").asString().equals("anomaly.resolved"))).hasSize(10);
            assertThat(events.stream().filter(e -> e.get("type").asString().equals("anomaly.contradicted")))
                    .as("each lone one's threshold and NEWS2, for an open episode's history").hasSize(20);
        }
        JsonNode first = get("/analytics/anomalies/" + patients.get(3) + "?kind=threshold&confirmation=announced",
                200).get(0);
        assertThat(first.get("description").asString()).isEqualTo("heart_rate 145 > max 130.0");
        assertThat(first.get("severity").asString()).isEqualTo("warning");
        assertThat(first.get("condition_key").asString()).isEqualTo(patients.get(3) + ":heart_rate:threshold");
        assertThat(get("/analytics/anomalies/" + patients.get(3) + "?confirmation=contradicted", 200)).hasSize(20);
    }

    @Test
    void aRedeliveredReadingCreatesNoSecondAnomaly() {
        UUID patient = USERS.addPatient();
        Instant at = Instant.now().minusSeconds(30);
        publish(patient, "dup-1", at, "heart_rate", 200);
        assertThat(await(Duration.ofSeconds(5), () -> anomalies(patient, "threshold") == 1)).isTrue();
        publish(patient, "dup-1", at, "heart_rate", 200);
        publish(patient, "dup-1", at, "heart_rate", 200);
        sleep(1000);
        assertThat(anomalies(patient, "threshold")).isEqualTo(1);
        assertThat(anomalies(patient, "news2")).isEqualTo(1);
        assertThat(anomalyEvents(patient)).hasSize(2);
        assertThat(get("/analytics/anomalies/" + patient + "?kind=threshold", 200).get(0).get("severity").asString())
                .isEqualTo("critical");
    }

    @Test
    void entriesLeftPendingByADeadConsumerAreTakenOverAndProcessedOnce() {
        UUID patient = USERS.addPatient();
        Instant at = Instant.now().minusSeconds(60);
        String stream = keys.key("hhms:vitals");
        // Our consumer is stopped, so the "crashed" instance surely takes every entry and never acknowledges them;
        // a plain read (">") never delivers them again, so only the takeover (XAUTOCLAIM) can judge them.
        vitalsConsumer.stop();
        try {
            for (int i = 0; i < 20; i++) {
                publish(patient, "dead-" + i, at.plusSeconds(i), "heart_rate", i % 2 == 0 ? 180 : 70);
            }
            List<MapRecord<String, Object, Object>> stolen = redis.opsForStream().read(Consumer.from("analytics",
                    "crashed-instance"), StreamReadOptions.empty().count(1000), StreamOffset.create(stream,
                            ReadOffset.lastConsumed()));
            assertThat(stolen).hasSize(20);
            assertThat(redis.opsForStream().pending(stream, "analytics").getTotalPendingMessages()).isEqualTo(20);
        } finally {
            vitalsConsumer.start();
        }
        assertThat(await(Duration.ofSeconds(15), () -> anomalies(patient, "threshold") == 10)).isTrue();
        sleep(1000);
        assertThat(anomalies(patient, "threshold")).isEqualTo(10);
        assertThat(judged(patient)).isEqualTo(20);
        assertThat(redis.opsForStream().pending(stream, "analytics").getTotalPendingMessages()).isZero();
    }

    @Test
    void twoPatientsWhoseDevicesShareAReadingIdAreBothJudged() {
        UUID first = USERS.addPatient();
        UUID second = USERS.addPatient();
        Instant at = Instant.now().minusSeconds(20);
        publish(first, "watch-1-0001", at, "heart_rate", 185);
        publish(second, "watch-1-0001", at, "heart_rate", 185);
        assertThat(await(Duration.ofSeconds(10), () -> anomalies(first, "threshold") == 1
                && anomalies(second, "threshold") == 1)).as("each patient's own anomaly").isTrue();
        assertThat(judged(first)).isEqualTo(1);
        assertThat(judged(second)).isEqualTo(1);
    }

    @Test
    void aPoisonEntryLandsInTheDeadLetterStreamAndIsAcknowledged() {
        publishRaw("{this is not json");
        String dead = keys.key("hhms:vitals:dead");
        assertThat(await(Duration.ofSeconds(15), () -> redis.opsForStream().size(dead) >= 1)).isTrue();
        MapRecord<String, Object, Object> letter = redis.opsForStream().range(dead, Range.unbounded()).getFirst();
        assertThat(letter.getValue().get("event")).isEqualTo("{this is not json");
        assertThat(letter.getValue().get("error").toString()).isNotBlank();
        assertThat(Long.parseLong(letter.getValue().get("deliveries").toString())).isGreaterThanOrEqualTo(3);
        // and the consumer went on: a reading after the poison is processed
        UUID patient = USERS.addPatient();
        publish(patient, "after-poison", Instant.now().minusSeconds(5), "heart_rate", 190);
        assertThat(await(Duration.ofSeconds(5), () -> anomalies(patient, "threshold") == 1)).isTrue();
    }

    @Test
    void aLateOlderReadingDoesNotClearANewerBreach() {
        UUID patient = USERS.addPatient();
        Instant now = Instant.now().minusSeconds(10);
        publish(patient, "late-1", now, "temperature", 40.5);
        assertThat(await(Duration.ofSeconds(5), () -> anomalies(patient, "threshold") == 1)).isTrue();
        publish(patient, "late-0", now.minusSeconds(600), "temperature", 37.0);
        sleep(800);
        assertThat(anomalyEvents(patient).stream().map(e -> e.get("type").asString()))
                .doesNotContain("anomaly.resolved");
        publish(patient, "late-2", now.plusSeconds(1), "temperature", 37.0);
        assertThat(await(Duration.ofSeconds(5), () -> anomalyEvents(patient).stream()
                .anyMatch(e -> e.get("type").asString().equals("anomaly.resolved")))).isTrue();
    }

    private long total(String kind) {
        return jdbc.queryForObject("SELECT count(*) FROM anomalies WHERE kind = ? AND reading_id LIKE 'r-%'",
                Long.class, kind);
    }

    /** Readings of the thousand-reading run judged from the stream. */
    private long processed() {
        return jdbc.queryForObject("SELECT count(*) FROM judged_readings WHERE reading_id LIKE 'r-%'", Long.class);
    }

    private List<JsonNode> awaitEvents(UUID patient, int count) {
        await(Duration.ofSeconds(10), () -> anomalyEvents(patient).size() >= count);
        return anomalyEvents(patient);
    }
}
