package org.hhms.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hhms.contracts.events.EventEnvelope;
import org.hhms.contracts.events.EventType;
import org.hhms.contracts.events.VitalRecorded;
import org.hhms.contracts.vitals.VitalMetric;
import org.hhms.testsupport.FakeUserService;
import org.hhms.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * NEWS2 trends: a rise of 3 or more above the patient's own baseline warns before any band is reached; no
 * baseline, no trend.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TrendTest extends AnalyticsTestSupport {

    static final FakeUserService USERS = new FakeUserService();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "hhms_test_trend");
        registry.add("hhms.security.user-service-url", USERS::url);
        // These tests are about other rules: a condition ends at the first reading back in range.
        registry.add("hhms.analytics.confirmation.clear-after", () -> "0s");
    }

    @AfterAll
    static void stop() {
        USERS.close();
    }

    @Test
    void aRiseOfThreeAboveThePatientsOwnBaselineWarnsBeforeAnyBandAndClearsWhenItSettles() {
        UUID patient = USERS.addPatient();
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(5));
        for (int hour = 0; hour < 4; hour++) { // four hours at NEWS2 0: the patient's usual
            for (int k = 0; k < 3; k++) {
                complete(patient, "t-" + hour + "-" + k, start.plus(Duration.ofMinutes(hour * 60 + k * 20)), 16, 75);
            }
        }
        Instant now = start.plus(Duration.ofHours(4)).plus(Duration.ofMinutes(10));
        assertThat(await(Duration.ofSeconds(10), () -> judged(patient) == 12)).isTrue();
        JsonNode hourly = get("/analytics/news2/" + patient + "/hourly?hours=6", 200);
        assertThat(hourly.findValuesAsString("hour")).containsExactly(start.toString(),
                start.plusSeconds(3600).toString(), start.plusSeconds(7200).toString(),
                start.plusSeconds(10800).toString());
        assertThat(hourly.findValues("lowest")).allMatch(lowest -> lowest.asInt() == 0);
        assertThat(get("/analytics/news2/" + patient + "/hourly?hours=1", 200)).isEmpty();
        assertThat(get("/analytics/news2/" + patient + "/hourly?hours=73", 400).get("detail").asString())
                .contains("hours");
        assertThat(get("/analytics/news2/" + patient, 200).get("baseline").asDouble()).isZero();
        // Breathing 21 (scores 2) and pulse 95 (1): NEWS2 3, below every band, and no single parameter scores 3.
        complete(patient, "t-rise-1", now, 21, 95);
        complete(patient, "t-rise-2", now.plus(Duration.ofMinutes(1)), 22, 96);
        assertThat(await(Duration.ofSeconds(10), () -> trendEvents(patient, "anomaly.detected").size() == 2))
                .as("held at the first, confirmed by the second").isTrue();
        JsonNode trend = trendEvents(patient, "anomaly.detected").getLast().get("data");
        assertThat(trend.get("severity").asString()).isEqualTo("warning");
        assertThat(trend.get("condition_key").asString()).isEqualTo(patient + ":news2_trend");
        assertThat(trend.get("description").asString()).isEqualTo("NEWS2 3 rising: 3 above the patient's usual 0 "
                + "(deterioration)");
        assertThat(anomalyEvents(patient).stream().noneMatch(e -> e.get("data").path("kind").asString()
                .equals("news2"))).as("no NEWS2 band was reached").isTrue();

        complete(patient, "t-settled", now.plus(Duration.ofMinutes(2)), 16, 76);
        assertThat(await(Duration.ofSeconds(10), () -> trendEvents(patient, "anomaly.resolved").size() == 1)).isTrue();
    }

    @Test
    void withoutAKnownBaselineThereIsNoTrend() {
        UUID patient = USERS.addPatient();
        Instant at = Instant.now().minus(Duration.ofMinutes(5));
        complete(patient, "n-1", at, 21, 95);
        complete(patient, "n-2", at.plus(Duration.ofMinutes(1)), 22, 96);
        complete(patient, "n-3", at.plus(Duration.ofMinutes(2)), 22, 96);
        assertThat(await(Duration.ofSeconds(5), () -> judged(patient) == 3)).isTrue();
        assertThat(anomalies(patient, "trend")).isZero();
    }

    /** A complete NEWS2 reading: SpO2 97 on air, systolic 125, alert, 37.0 °C; breathing and pulse as given. */
    private void complete(UUID patient, String readingId, Instant at, double respiratoryRate, double heartRate) {
        Map<VitalMetric, Double> values = new EnumMap<>(VitalMetric.class);
        values.put(VitalMetric.RESPIRATORY_RATE, respiratoryRate);
        values.put(VitalMetric.HEART_RATE, heartRate);
        values.put(VitalMetric.SPO2, 97.0);
        values.put(VitalMetric.SYSTOLIC_BP, 125.0);
        values.put(VitalMetric.TEMPERATURE, 37.0);
        events().publish(EventEnvelope.of(EventType.VITAL_RECORDED, VitalRecorded.of(patient, readingId, at,
                Instant.now(), null, values, false, "alert"), Instant.now(), "test-" + readingId));
    }

    private List<JsonNode> trendEvents(UUID patient, String type) {
        return anomalyEvents(patient).stream().filter(e -> e.get("type").asString().equals(type)
                && e.get("data").path("kind").asString().equals("trend")).toList();
    }
}
