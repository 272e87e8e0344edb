package org.hhms.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.hhms.analytics.anomaly.StaleDataDetector;
import org.hhms.contracts.events.EventType;
import org.hhms.contracts.events.UserChanged;
import org.hhms.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

/** A patient who falls silent gets one stale_data anomaly; the next reading clears it with an all-clear. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StaleDataTest extends AnalyticsTestSupport {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "hhms_test_stale");
        registry.add("hhms.analytics.stale-after", () -> "2s");
        registry.add("hhms.analytics.stale-check-interval", () -> "300ms");
    }

    @Autowired
    StaleDataDetector detector;

    @Test
    void silenceIsReportedOnceAndTheNextReadingClearsIt() {
        UUID patient = UUID.randomUUID();
        publish(patient, "s-1", Instant.now(), "heart_rate", 70);
        assertThat(await(Duration.ofSeconds(5), () -> anomalies(patient, "stale_data") == 1)).isTrue();
        sleep(1000);
        assertThat(detector.detect()).isZero();
        assertThat(anomalies(patient, "stale_data")).isEqualTo(1);
        JsonNode detected = anomalyEvents(patient).getFirst();
        assertThat(detected.get("type").asString()).isEqualTo("anomaly.detected");
        assertThat(detected.get("data").get("kind").asString()).isEqualTo("stale_data");
        assertThat(detected.get("data").get("condition_key").asString()).isEqualTo(patient + ":stale_data");

        publish(patient, "s-2", Instant.now(), "heart_rate", 71);
        assertThat(await(Duration.ofSeconds(5), () -> anomalyEvents(patient).stream()
                .anyMatch(e -> e.get("type").asString().equals("anomaly.resolved")
                        && e.get("data").get("kind").asString().equals("stale_data")))).isTrue();
        // silent again later: a second, separate silence
        assertThat(await(Duration.ofSeconds(6), () -> anomalies(patient, "stale_data") == 2)).isTrue();
    }

    @Test
    void aDeactivatedPatientIsNoLongerWatchedAndTheirConditionsClose() {
        UUID patient = UUID.randomUUID();
        publish(patient, "d-1", Instant.now(), "heart_rate", 190);
        assertThat(await(Duration.ofSeconds(5), () -> anomalies(patient, "threshold") == 1)).isTrue();
        events().publish(EventType.USER_DEACTIVATED, new UserChanged(patient, null, null, "patient", null, null,
                false, null, null, Instant.now()));
        assertThat(await(Duration.ofSeconds(5), () -> anomalyEvents(patient).stream()
                .filter(e -> e.get("type").asString().equals("anomaly.resolved")).count() == 2)).isTrue();
        sleep(3000);
        assertThat(anomalies(patient, "stale_data")).isZero();
    }

    @Test
    void aPatientWhoKeepsSendingIsNeverStale() {
        UUID patient = UUID.randomUUID();
        for (int i = 0; i < 8; i++) {
            publish(patient, "steady-" + i, Instant.now(), "heart_rate", 70);
            sleep(500);
        }
        assertThat(anomalies(patient, "stale_data")).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM patient_activity WHERE patient_id = ?", Long.class,
                patient)).isEqualTo(1);
    }
}
