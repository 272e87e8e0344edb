package org.hhms.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hhms.contracts.events.EventEnvelope;
import org.hhms.contracts.events.EventType;
import org.hhms.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

/** From anomaly to alert, in Twilio test mode: grouping, all-clear, manual alerts, acknowledgement, inbox. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AlertLifecycleTest extends AlertsTestSupport {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "hhms_test_alerts");
        registry.add("hhms.alerts.send-interval", () -> "100ms");
    }

    @Test
    void aHundredAnomaliesOfOneConditionAreOneAlertPagedWhenItOpensAndWhenItGetsWorse() {
        UUID patient = UUID.randomUUID();
        List<UUID> team = team(patient, "doctor", "+15555550001", "doctor", "+15555550002");
        String condition = patient + ":heart_rate:threshold";
        for (int i = 0; i < 100; i++) {
            detected(patient, condition, i == 50 ? "critical" : "warning", "heart_rate " + (140 + i) + " > max 130.0");
        }
        assertThat(await(Duration.ofSeconds(20), () -> count("SELECT coalesce(max(occurrence_count), 0) FROM alerts "
                + "WHERE patient_id = ?", patient) == 100)).isTrue();
        assertThat(count("SELECT count(*) FROM alerts WHERE patient_id = ?", patient)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM alert_anomalies aa JOIN alerts a ON a.id = aa.alert_id "
                + "WHERE a.patient_id = ?", patient)).as("the alert lists every anomaly it covers").isEqualTo(100);
        assertThat(await(Duration.ofSeconds(5), () -> count("SELECT count(*) FROM notifications n JOIN alerts a "
                + "ON a.id = n.alert_id WHERE a.patient_id = ? AND n.status = 'sent'", patient) == 2)).isTrue();
        JsonNode alert = get("/alerts/" + patient, 200).get(0);
        assertThat(alert.get("occurrence_count").asInt()).isEqualTo(100);
        assertThat(alert.get("severity").asString()).isEqualTo("critical"); // raised by the 51st, never lowered
        assertThat(alert.get("status").asString()).isEqualTo("sent");
        assertThat(alert.get("recipient_phone").asString()).isEqualTo("+15555550001");
        assertThat(alert.get("provider_message_id").asString()).startsWith("mock-");
        assertThat(alert.get("sent_at").isNull()).isFalse();
        JsonNode attempts = get("/alerts/" + alert.get("id").asString() + "/notifications", 200);
        assertThat(attempts.findValuesAsString("purpose")).as("the first page, and one more when it got worse; "
                + "none for the 98 repeats").containsExactly("alert", "worsened");
        assertThat(attempts.findValuesAsString("recipient_id")).containsOnly(team.getFirst().toString());
    }

    @Test
    void aResolvedConditionResolvesTheAlertAndSendsTheAllClearToWhoeverWasNotified() {
        UUID patient = UUID.randomUUID();
        team(patient, "doctor", "+15555550011", "caretaker", "+15555550012");
        String condition = patient + ":spo2:threshold";
        detected(patient, condition, "warning", "spo2 88 < min 90.0");
        assertThat(await(Duration.ofSeconds(5), () -> count("SELECT count(*) FROM notifications n JOIN alerts a ON "
                + "a.id = n.alert_id WHERE a.patient_id = ? AND n.status = 'sent'", patient) == 1)).isTrue();
        UUID resolvedEvent = resolved(patient, condition);
        assertThat(await(Duration.ofSeconds(5), () -> count("SELECT count(*) FROM notifications n JOIN alerts a ON "
                + "a.id = n.alert_id WHERE a.patient_id = ? AND n.purpose = 'all_clear' AND n.status = 'sent'",
                patient) == 1)).isTrue();
        JsonNode alert = get("/alerts/" + patient, 200).get(0);
        assertThat(alert.get("status").asString()).isEqualTo("resolved");
        assertThat(alert.get("resolution").asString()).isEqualTo("condition_cleared");
        // the all-clear went to the doctor who was paged, not to the caretaker who never was
        assertThat(count("SELECT count(*) FROM notifications WHERE purpose = 'all_clear' AND recipient_phone = ?",
                "+15555550012")).isZero();
        assertThat(count("SELECT count(*) FROM processed_events WHERE event_id = ?", resolvedEvent))
                .as("the resolved event was handled, once").isEqualTo(1);
        // a new anomaly of the same condition opens a new alert
        detected(patient, condition, "warning", "spo2 87 < min 90.0");
        assertThat(await(Duration.ofSeconds(5), () -> count("SELECT count(*) FROM alerts WHERE patient_id = ?",
                patient) == 2)).isTrue();
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        UUID patient = UUID.randomUUID();
        team(patient, "doctor", "+15555550021");
        var event = EventEnvelope.of(EventType.ANOMALY_DETECTED,
                anomaly(patient, patient + ":glucose:threshold", "warning", "glucose 350 > max 300.0"),
                Instant.now(), null);
        events().publish(event);
        events().publish(event);
        events().publish(event);
        assertThat(await(Duration.ofSeconds(5), () -> count("SELECT count(*) FROM alerts WHERE patient_id = ?",
                patient) == 1)).isTrue();
        sleep(500);
        assertThat(count("SELECT occurrence_count FROM alerts WHERE patient_id = ?", patient)).isEqualTo(1);
    }

    @Test
    void manualAlertsTakeSeverityInAnyCase() {
        UUID patient = UUID.randomUUID();
        team(patient, "doctor", "+15555550031", "caretaker", "+15555550032");
        JsonNode created = post("/alerts/send/" + patient, Map.of("message", "Please call", "severity", "INFO"), 201);
        assertThat(created.get("severity").asString()).isEqualTo("info");
        assertThat(created.get("kind").asString()).isEqualTo("manual");
        JsonNode viaBody = post("/alerts/notifications/send", Map.of("patient_id", patient, "message", "Check in",
                "severity", "Critical"), 201);
        assertThat(viaBody.get("severity").asString()).isEqualTo("critical");
        assertThat(await(Duration.ofSeconds(5), () -> get("/alerts/" + patient, 200).findValuesAsString("status")
                .stream().allMatch("sent"::equals))).isTrue();
        // a manual alert goes to the whole care team
        assertThat(get("/alerts/" + viaBody.get("id").asString() + "/notifications", 200)).hasSize(2);

        assertThat(post("/alerts/send/" + patient, Map.of("message", "x", "severity", "loud"), 400)
                .get("errors").get(0).get("field").asString()).isEqualTo("severity");
        assertThat(post("/alerts/send/" + patient, Map.of("severity", "info"), 400)
                .get("errors").get(0).get("field").asString()).isEqualTo("message");
        post("/alerts/notifications/send", Map.of("message", "x"), 400);
        assertThat(post("/alerts/send/" + patient, Map.of("message", "x"), 201).get("severity").asString())
                .isEqualTo("info");
    }

    @Test
    void acknowledgementStopsTheAlertAndAResolvedAlertCannotBeAcknowledged() {
        UUID patient = UUID.randomUUID();
        UUID doctor = team(patient, "doctor", "+15555550041").getFirst();
        String alertId = post("/alerts/send/" + patient, Map.of("message", "m", "severity", "warning"), 201)
                .get("id").asString();
        JsonNode acked = post("/alerts/" + alertId + "/acknowledge", Map.of("status", "acknowledged",
                "doctor_id", doctor), 200);
        assertThat(acked.get("status").asString()).isEqualTo("acknowledged");
        assertThat(acked.get("acknowledged_by").asString()).isEqualTo(doctor.toString());
        assertThat(acked.get("acknowledged_at").isNull()).isFalse();
        assertThat(get("/alerts/" + patient, 200).get(0).get("status").asString()).isEqualTo("acknowledged");
        JsonNode falseAlarm = post("/alerts/" + alertId + "/acknowledge", Map.of("status", "false_alarm",
                "doctor_id", doctor), 200);
        assertThat(falseAlarm.get("status").asString()).isEqualTo("resolved");
        assertThat(falseAlarm.get("resolution").asString()).isEqualTo("false_alarm");
        assertThat(post("/alerts/" + alertId + "/acknowledge", Map.of("status", "acknowledged", "doctor_id", doctor),
                409).get("detail").asString()).contains("already resolved");
        post("/alerts/" + UUID.randomUUID() + "/acknowledge", Map.of("status", "acknowledged"), 404);
        String other = post("/alerts/send/" + patient, Map.of("message", "m2"), 201).get("id").asString();
        post("/alerts/" + other + "/acknowledge", Map.of("status", "snoozed"), 400);
    }

    @Test
    void aDoctorsInboxHoldsTheOpenAlertsOfTheirPatients() {
        UUID patientA = UUID.randomUUID();
        UUID patientB = UUID.randomUUID();
        UUID doctor = team(patientA, "doctor", "+15555550051").getFirst();
        List<UUID> otherTeam = team(patientB, "doctor", "+15555550052");
        post("/alerts/send/" + patientA, Map.of("message", "a", "severity", "warning"), 201);
        String acked = post("/alerts/send/" + patientA, Map.of("message", "b", "severity", "warning"), 201)
                .get("id").asString();
        post("/alerts/" + acked + "/acknowledge", Map.of("status", "acknowledged", "doctor_id", doctor), 200);
        post("/alerts/send/" + patientB, Map.of("message", "c", "severity", "warning"), 201);
        JsonNode inbox = get("/alerts?doctor_id=" + doctor + "&status=open", 200);
        assertThat(inbox.findValuesAsString("message")).containsExactly("a");
        assertThat(get("/alerts?doctor_id=" + doctor, 200)).hasSize(2);
        assertThat(get("/alerts?doctor_id=" + otherTeam.getFirst() + "&status=open", 200)
                .findValuesAsString("message")).containsExactly("c");
        get("/alerts?doctor_id=" + doctor + "&status=weird", 400);
        get("/alerts", 400);
        assertThat(get("/alerts/" + patientA + "?status=acknowledged", 200)).hasSize(1);
    }

    @Test
    void systemStatusShowsTheModeAndNoSecrets() {
        JsonNode status = get("/alerts/system/status", 200);
        assertThat(status.get("test_mode").asBoolean()).isTrue();
        assertThat(status.get("ready").asBoolean()).isTrue();
        assertThat(status.toString()).doesNotContain("auth_token\"");
    }
}
