package org.hhms.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.hhms.testsupport.AccessMatrix;
import org.hhms.testsupport.AccessMatrix.Route;
import org.hhms.testsupport.FakeUserService;
import org.hhms.testsupport.HttpStubs;
import org.hhms.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;

/** The /analytics routes: thresholds, anomalies, NEWS2, re-evaluation. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AnalyticsApiTest extends AnalyticsTestSupport {

    static final FakeUserService USERS = new FakeUserService();
    /** Stored readings the fake patient-data-service answers, per patient (JSON array of readings). */
    static final Map<UUID, String> STORED = new ConcurrentHashMap<>();
    static final HttpServer VITALS = startVitals();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "hhms_test_analyticsapi");
        registry.add("hhms.security.user-service-url", USERS::url);
        registry.add("hhms.analytics.patient-data-url", () -> "http://127.0.0.1:" + VITALS.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        USERS.close();
        VITALS.stop(0);
    }

    @Test
    void thresholdUpsertKeepsAnOmittedBoundAndRejectsMinAboveMax() {
        UUID patient = USERS.addPatient();
        JsonNode created = post("/analytics/thresholds", Map.of("patient_id", patient, "metric", "heart_rate",
                "min_value", 50, "max_value", 120), 200);
        assertThat(created.get("id").asString()).hasSize(36);
        assertThat(created.get("created_at").asString()).endsWith("Z");
        JsonNode raised = post("/analytics/thresholds", Map.of("patient_id", patient, "metric", "heart_rate",
                "max_value", 140), 200);
        assertThat(raised.get("id").asString()).isEqualTo(created.get("id").asString());
        assertThat(raised.get("min_value").asDouble()).isEqualTo(50.0);
        assertThat(raised.get("max_value").asDouble()).isEqualTo(140.0);
        assertThat(post("/analytics/thresholds", Map.of("patient_id", patient, "metric", "heart_rate",
                "min_value", 150), 400).get("detail").asString()).contains("min_value").contains("150.0 > 140.0");
        assertThat(post("/analytics/thresholds", Map.of("patient_id", patient, "metric", "weight_kg",
                "max_value", 95), 200).get("metric").asString()).isEqualTo("weight_kg");

        JsonNode all = get("/analytics/thresholds/" + patient, 200);
        assertThat(all.findValuesAsString("metric")).containsExactly("heart_rate", "weight_kg");
        assertThat(get("/analytics/thresholds/" + patient + "/heart_rate", 200).get("max_value").asDouble())
                .isEqualTo(140.0);
        get("/analytics/thresholds/" + patient + "/spo2", 404);
    }

    /** The first bound of one metric set by several doctors at once: nobody fails, one row holds the last word. */
    @Test
    void concurrentFirstThresholdsOfOneMetricAllSucceedIntoOneRow() throws Exception {
        UUID patient = USERS.addPatient();
        List<Integer> maxima = List.of(101, 102, 103, 104, 105, 106, 107, 108);
        try (var pool = Executors.newFixedThreadPool(maxima.size())) {
            var barrier = new CyclicBarrier(maxima.size());
            List<Future<JsonNode>> answers = maxima.stream().map(max -> pool.submit(() -> {
                barrier.await();
                return post("/analytics/thresholds", Map.of("patient_id", patient, "metric", "heart_rate",
                        "max_value", max), 200);
            })).toList();
            for (var answer : answers) {
                assertThat(answer.get().get("patient_id").asString()).isEqualTo(patient.toString());
            }
        }
        JsonNode stored = get("/analytics/thresholds/" + patient, 200);
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).get("max_value").asInt()).isIn(maxima.toArray());
    }

    @Test
    void thresholdErrors() {
        UUID patient = USERS.addPatient();
        assertThat(post("/analytics/thresholds", Map.of("patient_id", patient, "metric", "pulse", "max_value", 1),
                400).get("errors").get(0).get("field").asString()).isEqualTo("metric");
        post("/analytics/thresholds", Map.of("patient_id", patient, "metric", "spo2"), 400);
        post("/analytics/thresholds", Map.of("patient_id", UUID.randomUUID(), "metric", "spo2", "min_value", 92),
                404);
        assertThat(post("/analytics/thresholds", Map.of("metric", "spo2", "min_value", 92), 400)
                .get("errors").get(0).get("field").asString()).isEqualTo("patient_id");
        post("/analytics/thresholds", Map.of("patient_id", patient, "metric", "spo2", "min_value", 92,
                "colour", "red"), 400);
        get("/analytics/thresholds/" + UUID.randomUUID(), 404);
        get("/analytics/thresholds/" + patient + "/pulse", 400);
    }

    @Test
    void aPatientThresholdOverridesTheDefaultBoundByBound() {
        UUID patient = USERS.addPatient();
        post("/analytics/thresholds", Map.of("patient_id", patient, "metric", "heart_rate", "max_value", 100),
                200);
        Instant at = Instant.now().minusSeconds(60);
        publish(patient, "o-1", at, "heart_rate", 110); // above the patient's 100 (default would be 130)
        publish(patient, "o-2", at.plusSeconds(1), "heart_rate", 35); // below the default 40, still applies
        publish(patient, "o-3", at.plusSeconds(2), "heart_rate", 100); // equal: normal
        assertThat(await(Duration.ofSeconds(5), () -> anomalies(patient, "threshold") == 2)).isTrue();
        JsonNode listed = get("/analytics/anomalies/" + patient + "?kind=threshold", 200);
        assertThat(listed.findValuesAsString("description")).containsExactly("heart_rate 35 < min 40.0",
                "heart_rate 110 > max 100.0");
        assertThat(listed.get(1).get("threshold_id").isNull()).isFalse();
    }

    @Test
    void aNanOrInfiniteOrUnreachableThresholdIsRefusedAndTheAlarmStaysOn() {
        UUID patient = USERS.addPatient();
        for (String bound : List.of("\"NaN\"", "\"Infinity\"", "1e999", "-1e999", "\"-Infinity\"", "400", "-5")) {
            for (String field : List.of("max_value", "min_value")) {
                String body = "{\"patient_id\":\"" + patient + "\",\"metric\":\"heart_rate\",\"" + field + "\":"
                        + bound + "}";
                JsonNode problem = mapper.readTree(client.post().uri("/analytics/thresholds")
                        .contentType(org.springframework.http.MediaType.APPLICATION_JSON).body(body).exchange()
                        .expectStatus().isBadRequest().expectBody(String.class).returnResult().getResponseBody());
                assertThat(problem.get("detail").asString()).as(field + " = " + bound).contains(field);
            }
        }
        assertThat(get("/analytics/thresholds/" + patient, 200)).as("no threshold stored").isEmpty();
        publish(patient, "nan-1", Instant.now().minusSeconds(5), "heart_rate", 185);
        assertThat(await(Duration.ofSeconds(5), () -> anomalies(patient, "threshold") == 1))
                .as("the default bound still pages a heart rate of 185").isTrue();
    }

    @Test
    void anomaliesAreNewestFirstAndFilterByTimeAndKind() {
        UUID patient = USERS.addPatient();
        Instant at = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
        publish(patient, "a-1", at, "glucose", 350);
        publish(patient, "a-2", at.plusSeconds(600), "glucose", 40);
        assertThat(await(Duration.ofSeconds(5), () -> anomalies(patient, "threshold") == 2)).isTrue();
        JsonNode all = get("/analytics/anomalies/" + patient, 200);
        assertThat(all.findValuesAsString("timestamp")).containsExactly(at.plusSeconds(600).toString(),
                at.toString());
        assertThat(get("/analytics/anomalies/" + patient + "?since=" + at.plusSeconds(1), 200)).hasSize(1);
        assertThat(get("/analytics/anomalies/" + patient + "?kind=news2", 200)).isEmpty();
        get("/analytics/anomalies/" + patient + "?kind=weird", 400);
        get("/analytics/anomalies/" + UUID.randomUUID(), 404);
    }

    @Test
    void news2ScoreWithBreakdownAndACriticalAnomalyAtSevenOrMore() {
        UUID patient = USERS.addPatient();
        Instant at = Instant.now().minusSeconds(120);
        publish(patient, "n-1", at, "heart_rate", 125, "respiratory_rate", 26, "spo2", 93, "systolic_bp", 105,
                "diastolic_bp", 70, "temperature", 38.6);
        assertThat(await(Duration.ofSeconds(5), () -> anomalies(patient, "news2") == 1)).isTrue();
        JsonNode news2 = get("/analytics/anomalies/" + patient + "?kind=news2", 200).get(0);
        // pulse 2 + respiration 3 + SpO2 2 + systolic 1 + temperature 1 = 9
        assertThat(news2.get("severity").asString()).isEqualTo("critical");
        assertThat(news2.get("observed_value").asDouble()).isEqualTo(9.0);
        assertThat(news2.get("description").asString()).startsWith("NEWS2 9: high")
                .contains("partial: missing on_oxygen, consciousness");

        JsonNode score = get("/analytics/news2/" + patient, 200);
        assertThat(score.get("score").asInt()).isEqualTo(9);
        assertThat(score.get("partial").asBoolean()).isTrue();
        assertThat(score.get("parameters").get("respiratory_rate").asInt()).isEqualTo(3);
        assertThat(score.get("severity").asString()).isEqualTo("critical");
        assertThat(score.get("baseline").isNull()).as("no usual score before 3 hours are known").isTrue();
        get("/analytics/news2/" + UUID.randomUUID(), 404);
    }

    @Test
    void spo2Scale2IsAClinicianSetting() {
        UUID patient = USERS.addPatient();
        client.put().uri("/analytics/news2/" + patient + "/scale").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("spo2_scale", 2)).exchange().expectStatus().isOk();
        client.put().uri("/analytics/news2/" + patient + "/scale").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("spo2_scale", 3)).exchange().expectStatus().isBadRequest();
        publish(patient, "s2-1", Instant.now().minusSeconds(30), "spo2", 89);
        assertThat(await(Duration.ofSeconds(5), () -> get("/analytics/news2/" + patient, 200)
                .get("parameters").has("spo2"))).isTrue();
        assertThat(get("/analytics/news2/" + patient, 200).get("parameters").get("spo2").asInt()).isZero();
    }

    @Test
    void runReEvaluatesStoredReadingsIdempotently() {
        UUID patient = USERS.addPatient();
        Instant at = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
        STORED.put(patient, "[" + storedReading(patient, "st-1", at, 72) + "," + storedReading(patient, "st-2",
                at.plusSeconds(60), 190) + "]");
        JsonNode report = post("/analytics/run", Map.of("patient_id", patient), 200);
        assertThat(report.get("readings_seen").asInt()).isEqualTo(2);
        assertThat(report.get("new_anomalies").asInt()).isEqualTo(2); // threshold + NEWS2 (pulse 3)
        JsonNode again = post("/analytics/run", Map.of("patient_id", patient), 200);
        assertThat(again.get("readings_seen").asInt()).isEqualTo(2);
        assertThat(again.get("new_anomalies").asInt()).isZero();
        assertThat(anomalies(patient, "threshold")).isEqualTo(1);
        assertThat(client.post().uri("/analytics/analyze/" + patient).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody()).contains("heart_rate 190 > max 130.0");
        post("/analytics/run", Map.of("patient_id", UUID.randomUUID()), 404);
        post("/analytics/run", Map.of("since", Instant.now().plusSeconds(3600)), 400);
        assertThat(post("/analytics/run", Map.of(), 200).get("patients").asInt()).isGreaterThanOrEqualTo(1);
    }

    private static String storedReading(UUID patient, String id, Instant at, double heartRate) {
        return """
                {"patient_id":"%s","reading_id":"%s","timestamp":"%s","received_at":"%s","device_id":null,
                 "heart_rate":%s,"spo2":null,"respiratory_rate":null,"systolic_bp":null,"diastolic_bp":null,
                 "temperature":null,"glucose":null,"weight_kg":null,"on_oxygen":null,"consciousness":null}"""
                .formatted(patient, id, at, at, heartRate);
    }

    private static HttpServer startVitals() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/patient/", exchange -> {
                UUID patient = UUID.fromString(exchange.getRequestURI().getPath().split("/")[2]);
                HttpStubs.respond(exchange, 200, STORED.getOrDefault(patient, "[]"));
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every analytics route as each caller (docs/security.md, "Role matrix"). Columns: anonymous, the patient's
     * device, another patient's device, an unrelated doctor, the patient's doctor, their caretaker, the patient,
     * another patient, an admin.
     */
    @Test
    void everyRouteAnswersEachCallerAsTheMatrixSays() {
        AccessMatrix cast = AccessMatrix.in(USERS);
        UUID p = cast.patient;
        cast.check(port, List.of(
                Route.of("POST", "/analytics/thresholds",
                        "{\"patient_id\":\"" + p + "\",\"metric\":\"heart_rate\",\"max_value\":130}",
                        "401 403 403 403 200 403 403 403 200"),
                Route.of("GET", "/analytics/thresholds/" + p, null, "401 403 403 403 200 403 200 403 200"),
                Route.of("GET", "/analytics/thresholds/" + p + "/heart_rate", null,
                        "401 403 403 403 200 403 200 403 200"),
                Route.of("GET", "/analytics/anomalies/" + p, null, "401 403 403 403 200 403 200 403 200"),
                Route.of("POST", "/analytics/analyze/" + p, null, "401 403 403 403 200 403 403 403 200"),
                Route.of("POST", "/analytics/run", "{\"patient_id\":\"" + p + "\"}",
                        "401 403 403 403 200 403 403 403 200"),
                Route.of("POST", "/analytics/run", "{}", "401 403 403 403 403 403 403 403 200"),
                Route.of("GET", "/analytics/news2/" + p, null, "401 403 403 403 200 403 200 403 200"),
                Route.of("GET", "/analytics/news2/" + p + "/hourly", null, "401 403 403 403 200 403 200 403 200"),
                Route.of("PUT", "/analytics/news2/" + p + "/scale", "{\"spo2_scale\":1}",
                        "401 403 403 403 200 403 403 403 200"),
                Route.of("GET", "/analytics/care-plan/" + p, null, "401 403 403 403 200 403 200 403 200"),
                Route.of("PUT", "/analytics/care-plan/" + p, "{\"reason\":\"matrix\",\"spo2_scale\":1}",
                        "401 403 403 403 200 403 403 403 200"),
                Route.of("GET", "/analytics/audit?patient_id=" + p, null, "401 403 403 403 403 403 403 403 200")));
    }
}
