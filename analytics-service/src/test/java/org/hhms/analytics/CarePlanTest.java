package org.hhms.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.hhms.testsupport.FakeUserService;
import org.hhms.testsupport.TestDatabases;
import org.hhms.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * A care plan per patient: move or switch off a default bound, choose the persistence, set NEWS2 scale 2; every
 * change says who and why; a refused change changes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CarePlanTest extends AnalyticsTestSupport {

    static final FakeUserService USERS = new FakeUserService();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "hhms_test_care_plan");
        registry.add("hhms.security.user-service-url", USERS::url);
    }

    @AfterAll
    static void stop() {
        USERS.close();
    }

    @Test
    void aCopdPatientLivingAtEightyEightIsSparedTheSpo2AlarmAndEveryChangeSaysWhoAndWhy() {
        UUID patient = USERS.addPatient();
        JsonNode plan = put("/analytics/care-plan/" + patient, Map.of("reason", "COPD, target SpO2 88-92 % (BTS)",
                "spo2_scale", 2, "metrics", Map.of("spo2", Map.of("min", 88))), 200);
        JsonNode spo2 = metric(plan, "spo2");
        assertThat(spo2.get("min").asDouble()).isEqualTo(88.0);
        assertThat(spo2.get("min_source").asString()).isEqualTo("patient");
        assertThat(spo2.get("default_min").asDouble()).isEqualTo(90.0);
        assertThat(plan.get("spo2_scale").asInt()).isEqualTo(2);
        assertThat(metric(plan, "heart_rate").get("max_source").asString()).isEqualTo("default");

        Instant at = Instant.now().minusSeconds(120);
        publish(patient, "p-1", at, "spo2", 89);
        publish(patient, "p-2", at.plusSeconds(60), "spo2", 89);
        assertThat(await(Duration.ofSeconds(5), () -> judged(patient) == 2)).isTrue();
        assertThat(anomalies(patient, "threshold")).as("89 is within this patient's plan").isZero();

        plan = put("/analytics/care-plan/" + patient, Map.of("reason", "palliative: no oxygen alarms",
                "metrics", Map.of("spo2", Map.of("min", "off"))), 200);
        assertThat(metric(plan, "spo2").get("min_source").asString()).isEqualTo("off");
        assertThat(metric(plan, "spo2").get("min").isNull()).isTrue();
        publish(patient, "p-3", at.plusSeconds(90), "spo2", 84);
        assertThat(await(Duration.ofSeconds(5), () -> judged(patient) == 3)).isTrue();
        assertThat(anomalies(patient, "threshold")).as("the bound is off for this patient").isZero();

        JsonNode changes = get("/analytics/care-plan/" + patient, 200).get("changes");
        assertThat(changes.findValuesAsString("reason")).containsExactly("palliative: no oxygen alarms",
                "COPD, target SpO2 88-92 % (BTS)");
        assertThat(changes.get(0).get("changed_by").asString()).isEqualTo(TestTokens.ADMIN_ID.toString());
        assertThat(changes.get(0).get("change").asString()).contains("\"off\"");

        JsonNode recovered = put("/analytics/care-plan/" + patient, Map.of("reason", "recovered", "metrics",
                Map.of("spo2", Map.of("min", "default"))), 200);
        assertThat(metric(recovered, "spo2").get("min_source").asString())
                .as("the answer shows the plan without its own SpO2 bound").isEqualTo("default");
        publish(patient, "p-4", at.plusSeconds(100), "spo2", 84);
        assertThat(await(Duration.ofSeconds(5), () -> anomalies(patient, "threshold") == 1))
                .as("back to the default bound").isTrue();
    }

    @Test
    void aLongerPersistenceChosenForOnePatientHoldsTheirBreachUntilItHasLasted() {
        UUID patient = USERS.addPatient();
        put("/analytics/care-plan/" + patient, Map.of("reason", "runs fast when walking",
                "metrics", Map.of("heart_rate", Map.of("confirm_after_seconds", 120))), 200);
        Instant at = Instant.now().minusSeconds(300);
        publish(patient, "h-1", at, "heart_rate", 135);
        publish(patient, "h-2", at.plusSeconds(60), "heart_rate", 136);
        assertThat(await(Duration.ofSeconds(5), () -> judged(patient) == 2)).isTrue();
        sleep(300);
        assertThat(detected(patient, "threshold")).as("60 s of 135: not yet").isZero();
        publish(patient, "h-3", at.plusSeconds(125), "heart_rate", 134);
        assertThat(await(Duration.ofSeconds(5), () -> detected(patient, "threshold") == 3)).isTrue();
    }

    @Test
    void aRefusedChangeNamesWhatIsWrongAndChangesNothing() {
        UUID patient = USERS.addPatient();
        String path = "/analytics/care-plan/" + patient;
        assertThat(field(put(path, Map.of("metrics", Map.of("spo2", Map.of("min", 88))), 400))).isEqualTo("reason");
        assertThat(field(put(path, Map.of("reason", "x", "metrics", Map.of("spo2", Map.of("min", "loud"))), 400)))
                .isEqualTo("metrics.spo2.min");
        assertThat(field(put(path, Map.of("reason", "x", "metrics", Map.of("pulse", Map.of("min", 40))), 400)))
                .isEqualTo("metrics.pulse");
        assertThat(field(put(path, Map.of("reason", "x", "metrics", Map.of("heart_rate", Map.of("min", 140))), 400)))
                .as("above the default max 130").isEqualTo("metrics.heart_rate.min");
        assertThat(field(put(path, Map.of("reason", "x", "metrics",
                Map.of("spo2", Map.of("confirm_after_seconds", 4000))), 400)))
                .isEqualTo("metrics.spo2.confirm_after_seconds");
        assertThat(field(put(path, Map.of("reason", "x", "spo2_scale", 3), 400))).isEqualTo("spo2_scale");
        put(path, Map.of("reason", "x"), 400);
        // the valid first metric of a refused change is not kept either
        put(path, Map.of("reason", "x", "metrics", Map.of("glucose", Map.of("max", 250), "spo2",
                Map.of("min", "loud"))), 400);
        JsonNode plan = get(path, 200);
        assertThat(plan.get("changes")).isEmpty();
        assertThat(metric(plan, "glucose").get("max_source").asString()).isEqualTo("default");
        put("/analytics/care-plan/" + UUID.randomUUID(), Map.of("reason", "x", "spo2_scale", 2), 404);
    }

    private static JsonNode metric(JsonNode plan, String name) {
        for (JsonNode m : plan.get("metrics")) {
            if (m.get("metric").asString().equals(name)) {
                return m;
            }
        }
        throw new AssertionError("no " + name + " in " + plan);
    }

    private static String field(JsonNode problem) {
        return problem.get("errors").get(0).get("field").asString();
    }

    private long detected(UUID patient, String kind) {
        return anomalyEvents(patient).stream().filter(e -> e.get("type").asString().equals("anomaly.detected")
                && e.get("data").get("kind").asString().equals(kind)).count();
    }
}
