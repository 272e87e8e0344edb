package org.hhms.vitals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hhms.testsupport.FakeUserService;
import org.hhms.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

/** Reading back: latest (merged, cached), history, telemetry, aggregates, the doctor's overview, deletion. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReadBackTest extends VitalsApiSupport {

    static final FakeUserService USERS = new FakeUserService();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "hhms_test_readback");
        registry.add("hhms.security.user-service-url", USERS::url);
        registry.add("hhms.vitals.history-max-range", () -> "31d");
        registry.add("hhms.vitals.history-max-points", () -> 10);
    }

    @AfterAll
    static void stop() {
        USERS.close();
    }

    @Test
    void latestMergesTheNewestValueOfEachMetricSoABloodPressureReadingDoesNotHideTheHeartRate() {
        UUID patient = USERS.addPatient();
        get("/patient/" + patient + "/latest", 404);
        post("/patient/" + patient, reading("2026-11-23T08:00:00Z", "heart_rate", 72, "spo2", 97), 201);
        post("/patient/" + patient, reading("2026-11-23T08:05:00Z", "systolic_bp", 130, "diastolic_bp", 85), 201);
        // A late reading from before: it must not replace the newer heart rate.
        post("/patient/" + patient, reading("2026-11-23T07:00:00Z", "heart_rate", 140, "temperature", 37.2), 201);

        JsonNode latest = get("/patient/" + patient + "/latest", 200);
        assertThat(latest.get("heart_rate").asDouble()).isEqualTo(72.0);
        assertThat(latest.get("spo2").asDouble()).isEqualTo(97.0);
        assertThat(latest.get("systolic_bp").asDouble()).isEqualTo(130.0);
        assertThat(latest.get("temperature").asDouble()).isEqualTo(37.2);
        assertThat(latest.get("timestamp").asString()).isEqualTo("2026-11-23T08:05:00Z");
        assertThat(latest.get("measured_at").get("heart_rate").asString()).isEqualTo("2026-11-23T08:00:00Z");
        assertThat(latest.get("glucose").isNull()).isTrue();

        // The same answer from the database when the cache is gone, and from the cache it rebuilt.
        redis.delete(keys.key("hhms:vitals:latest:" + patient));
        assertThat(get("/patient/" + patient + "/latest", 200)).isEqualTo(latest);
        assertThat(redis.opsForHash().hasKey(keys.key("hhms:vitals:latest:" + patient), "_complete")).isTrue();
        assertThat(get("/patient/" + patient + "/latest", 200)).isEqualTo(latest);
    }

    @Test
    void latestComesFromTheCacheOnceItIsFilled() {
        UUID patient = USERS.addPatient();
        post("/patient/" + patient, reading("2026-11-23T08:00:00Z", "glucose", 110), 201);
        get("/patient/" + patient + "/latest", 200);
        String key = keys.key("hhms:vitals:latest:" + patient);
        String raw = (String) redis.opsForHash().get(key, "glucose");
        redis.opsForHash().put(key, "glucose", raw.substring(0, raw.indexOf('|') + 1) + "111");
        assertThat(get("/patient/" + patient + "/latest", 200).get("glucose").asDouble()).isEqualTo(111.0);
        get("/patient/" + UUID.randomUUID() + "/latest", 404);
    }

    @Test
    void historyIsAscendingWithInclusiveBoundsForOneMetric() {
        UUID patient = USERS.addPatient();
        post("/patient/batch/" + patient, Map.of("readings", List.of(
                reading("2026-11-20T10:00:00Z", "heart_rate", 70),
                reading("2026-11-20T11:00:00Z", "heart_rate", 75, "spo2", 96),
                reading("2026-11-20T12:00:00Z", "spo2", 95),
                reading("2026-11-20T13:00:00Z", "heart_rate", 80))), 201);
        JsonNode history = get("/patient/" + patient + "/history?metric_type=heart_rate"
                + "&start_time=2026-11-20T10:00:00Z&end_time=2026-11-20T13:00:00Z", 200);
        assertThat(history.findValuesAsString("timestamp")).containsExactly("2026-11-20T10:00:00Z",
                "2026-11-20T11:00:00Z", "2026-11-20T13:00:00Z");
        assertThat(history.findValues("value").stream().map(JsonNode::asDouble)).containsExactly(70.0, 75.0, 80.0);
        // naive bounds are UTC
        assertThat(get("/patient/" + patient + "/history?metric_type=spo2"
                + "&start_time=2026-11-20T11:00:00&end_time=2026-11-20T11:59:59", 200)).hasSize(1);

        JsonNode telemetry = get("/patient/" + patient + "/history/telemetry"
                + "?start_time=2026-11-20T10:30:00Z&end_time=2026-11-20T13:00:00Z", 200);
        assertThat(telemetry.findValuesAsString("timestamp")).containsExactly("2026-11-20T11:00:00Z",
                "2026-11-20T12:00:00Z", "2026-11-20T13:00:00Z");
        assertThat(get("/patient/" + patient + "/history/telemetry?metric_type=spo2"
                + "&start_time=2026-11-20T00:00:00Z&end_time=2026-11-21T00:00:00Z", 200)).hasSize(2);
    }

    @Test
    void historyErrors() {
        UUID patient = USERS.addPatient();
        String base = "/patient/" + patient + "/history?";
        assertThat(get(base + "metric_type=pulse&start_time=2026-11-20T10:00:00Z&end_time=2026-11-20T11:00:00Z",
                400).get("detail").asString()).contains("unsupported metric 'pulse'");
        assertThat(get(base + "metric_type=spo2&start_time=2026-11-20T10:00:00Z&end_time=2026-11-20T09:00:00Z",
                400).get("errors").get(0).get("field").asString()).isEqualTo("end_time");
        assertThat(get(base + "metric_type=spo2&start_time=2026-01-01T00:00:00Z&end_time=2026-11-20T00:00:00Z",
                400).get("detail").asString()).contains("at most 31 days");
        assertThat(get(base + "metric_type=spo2", 400).get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("start_time", "end_time");
        assertThat(get(base + "start_time=2026-11-20T10:00:00Z&end_time=2026-11-20T11:00:00Z", 400)
                .get("errors").get(0).get("field").asString()).isEqualTo("metric_type");
        assertThat(get(base + "metric_type=spo2&start_time=soon&end_time=2026-11-20T11:00:00Z", 400)
                .get("errors").get(0).get("field").asString()).isEqualTo("start_time");
        get("/patient/" + UUID.randomUUID() + "/history?metric_type=spo2&start_time=2026-11-20T10:00:00Z"
                + "&end_time=2026-11-20T11:00:00Z", 404);
    }

    @Test
    void tooManyPointsAsksForANarrowerRange() {
        UUID patient = USERS.addPatient();
        List<Map<String, Object>> readings = new java.util.ArrayList<>();
        for (int i = 0; i < 11; i++) {
            readings.add(reading("2026-11-20T10:%02d:00Z".formatted(i), "heart_rate", 60 + i));
        }
        post("/patient/batch/" + patient, Map.of("readings", readings), 201);
        assertThat(get("/patient/" + patient + "/history?metric_type=heart_rate&start_time=2026-11-20T10:00:00Z"
                + "&end_time=2026-11-20T11:00:00Z", 400).get("detail").asString()).contains("narrower range");
        assertThat(get("/patient/" + patient + "/history?metric_type=heart_rate&start_time=2026-11-20T10:00:00Z"
                + "&end_time=2026-11-20T10:09:00Z", 200)).hasSize(10);
    }

    @Test
    void aggregatesMatchFiguresComputedHere() {
        UUID patient = USERS.addPatient();
        double[] hour10 = { 60, 70, 95 };
        double[] hour11 = { 100, 110 };
        List<Map<String, Object>> readings = new java.util.ArrayList<>();
        for (int i = 0; i < hour10.length; i++) {
            readings.add(reading("2026-11-20T10:%02d:00Z".formatted(i * 10), "heart_rate", hour10[i]));
        }
        for (int i = 0; i < hour11.length; i++) {
            readings.add(reading("2026-11-20T11:%02d:00Z".formatted(i * 10), "heart_rate", hour11[i]));
        }
        readings.add(reading("2026-11-21T09:00:00Z", "heart_rate", 50));
        readings.add(reading("2026-11-20T10:30:00Z", "spo2", 97));
        post("/patient/batch/" + patient, Map.of("readings", readings), 201);

        JsonNode hourly = get("/patient/" + patient + "/aggregates?metric=heart_rate&bucket=1h"
                + "&start_time=2026-11-20T00:00:00Z&end_time=2026-11-20T23:59:59Z", 200);
        assertThat(hourly).hasSize(2);
        assertBucket(hourly.get(0), "2026-11-20T10:00:00Z", hour10);
        assertBucket(hourly.get(1), "2026-11-20T11:00:00Z", hour11);

        JsonNode daily = get("/patient/" + patient + "/aggregates?metric=heart_rate&bucket=1d"
                + "&start_time=2026-11-20T00:00:00Z&end_time=2026-11-21T23:59:59Z", 200);
        assertThat(daily).hasSize(2);
        assertBucket(daily.get(0), "2026-11-20T00:00:00Z", new double[] { 60, 70, 95, 100, 110 });
        assertBucket(daily.get(1), "2026-11-21T00:00:00Z", new double[] { 50 });

        assertThat(get("/patient/" + patient + "/aggregates?metric=heart_rate&bucket=5m"
                + "&start_time=2026-11-20T00:00:00Z&end_time=2026-11-20T23:59:59Z", 400)
                .get("errors").get(0).get("field").asString()).isEqualTo("bucket");
    }

    @Test
    void overviewListsTheLatestOfEachOfTheDoctorsPatientsWithReadings() {
        UUID withReadings = USERS.addPatient();
        UUID withoutReadings = USERS.addPatient();
        UUID doctor = USERS.addDoctor(List.of(withReadings, withoutReadings));
        post("/patient/" + withReadings, reading("2026-11-23T08:00:00Z", "heart_rate", 66), 201);
        JsonNode overview = get("/patient/" + doctor + "/overview", 200);
        assertThat(overview).hasSize(1);
        assertThat(overview.get(0).get("patient_id").asString()).isEqualTo(withReadings.toString());
        assertThat(overview.get(0).get("heart_rate").asDouble()).isEqualTo(66.0);
        get("/patient/" + UUID.randomUUID() + "/overview", 404);
        assertThat(get("/patient/" + withReadings + "/overview", 400).get("detail").asString())
                .contains("not a doctor");
    }

    @Test
    void deleteRemovesThePatientsReadingsAndCachedValues() {
        UUID patient = USERS.addPatient();
        post("/patient/" + patient, reading("2026-11-23T08:00:00Z", "heart_rate", 66), 201);
        get("/patient/" + patient + "/latest", 200);
        client.delete().uri("/patient/" + patient).exchange().expectStatus().isNoContent();
        assertThat(rows(patient)).isZero();
        get("/patient/" + patient + "/latest", 404);
        // The reading may be sent again after the erasure: its key was removed too.
        post("/patient/" + patient, reading("2026-11-23T08:00:00Z", "heart_rate", 66), 201);
        client.delete().uri("/patient/" + UUID.randomUUID()).exchange().expectStatus().isNotFound();
    }

    private static void assertBucket(JsonNode bucket, String start, double[] values) {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        double sum = 0;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
        }
        assertThat(bucket.get("bucket_start").asString()).isEqualTo(start);
        assertThat(bucket.get("min").asDouble()).isEqualTo(min);
        assertThat(bucket.get("max").asDouble()).isEqualTo(max);
        assertThat(bucket.get("avg").asDouble()).isCloseTo(sum / values.length,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(bucket.get("count").asLong()).isEqualTo(values.length);
    }
}
