package org.hhms.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hhms.alerts.alert.AlertService;
import org.hhms.alerts.notify.NotificationService;
import org.hhms.contracts.alarms.AnomalyKind;
import org.hhms.contracts.alarms.Severity;
import org.hhms.contracts.events.CareTeamChanged;
import org.hhms.testsupport.FakeUserService;
import org.hhms.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * Escalation, repeats and rate limits with a clock the test moves; the schedules are slowed down so only the
 * test drives them (it calls the same methods the schedules call).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestClockConfiguration.class)
class EscalationTest extends AlertsTestSupport {

    static final MutableClock CLOCK = TestClockConfiguration.CLOCK;

    /** Answers 404 for every patient (none has a team there), or 503 while the test makes it unavailable. */
    static final FakeUserService USERS = new FakeUserService();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "hhms_test_escalation");
        registry.add("hhms.security.user-service-url", USERS::url);
        registry.add("hhms.alerts.send-interval", () -> "1h");
        registry.add("hhms.alerts.escalation-interval", () -> "1h");
    }

    @Autowired
    AlertService alerts;

    @AfterAll
    static void stopUsers() {
        USERS.close();
    }

    @Autowired
    NotificationService notifications;

    @Test
    void anUnacknowledgedCriticalAlertEscalatesDownTheTeamAndRepeatsUntilAcknowledged() {
        UUID patient = UUID.randomUUID();
        List<UUID> team = team(patient, "doctor", "+15555550101", "doctor", "+15555550102", "caretaker",
                "+15555550103");
        UUID alert = alerts.onAnomaly(null, null, patient, patient + ":spo2:threshold", AnomalyKind.THRESHOLD, null, Severity.CRITICAL,
                "spo2 70 < min 90.0", CLOCK.instant()).id();
        notifications.sendDue();
        assertThat(sentTo(alert)).containsExactly(team.get(0));

        CLOCK.advance(Duration.ofMinutes(4));
        alerts.advanceDue();
        notifications.sendDue();
        assertThat(sentTo(alert)).as("nothing before the 5 min escalation delay").containsExactly(team.get(0));

        CLOCK.advance(Duration.ofMinutes(1));
        alerts.advanceDue();
        notifications.sendDue();
        assertThat(sentTo(alert)).as("the second doctor after 5 min").containsExactly(team.get(0), team.get(1));

        CLOCK.advance(Duration.ofMinutes(5)); // t = 10 min: escalate to the caretaker, and repeat to those paged
        alerts.advanceDue();
        notifications.sendDue();
        assertThat(count("SELECT count(*) FROM notifications WHERE alert_id = ? AND purpose = 'escalation'", alert))
                .isEqualTo(2);
        assertThat(count("SELECT count(*) FROM notifications WHERE alert_id = ? AND purpose = 'repeat'", alert))
                .isEqualTo(2); // round 2 to both doctors (the caretaker was just added, escalation is the page)
        assertThat(count("SELECT count(*) FROM notifications WHERE alert_id = ? AND status = 'sent'", alert))
                .isEqualTo(5);

        post("/alerts/" + alert + "/acknowledge", Map.of("status", "acknowledged", "doctor_id", team.get(1)), 200);
        CLOCK.advance(Duration.ofHours(2));
        alerts.advanceDue();
        notifications.sendDue();
        assertThat(count("SELECT count(*) FROM notifications WHERE alert_id = ?", alert)).isEqualTo(5);
        assertThat(count("SELECT count(*) FROM alerts WHERE id = ? AND next_escalation_at IS NULL "
                + "AND next_repeat_at IS NULL", alert)).isEqualTo(1);
    }

    @Test
    void aWarningWaitsThirtyMinutesBeforeEscalating() {
        UUID patient = UUID.randomUUID();
        List<UUID> team = team(patient, "doctor", "+15555550111", "caretaker", "+15555550112");
        UUID alert = alerts.onAnomaly(null, null, patient, patient + ":glucose:threshold", AnomalyKind.THRESHOLD, null, Severity.WARNING,
                "glucose 320 > max 300.0", CLOCK.instant()).id();
        notifications.sendDue();
        CLOCK.advance(Duration.ofMinutes(29));
        alerts.advanceDue();
        notifications.sendDue();
        assertThat(sentTo(alert)).containsExactly(team.get(0));
        CLOCK.advance(Duration.ofMinutes(1));
        alerts.advanceDue();
        notifications.sendDue();
        assertThat(sentTo(alert)).containsExactly(team.get(0), team.get(1));
    }

    @Test
    void theRateLimitCountsOneAlertsTextsToOnePersonAndNeverHoldsBackAnotherPatientOrACriticalText() {
        UUID doctor = UUID.randomUUID();
        UUID patientA = UUID.randomUUID();
        UUID patientB = UUID.randomUUID();
        sharedDoctor(doctor, patientA, patientB);
        UUID alertA = alerts.onAnomaly(null, null, patientA, patientA + ":glucose:threshold", AnomalyKind.THRESHOLD,
                "glucose", Severity.WARNING, "glucose 320 > max 300.0", CLOCK.instant()).id();
        notifications.sendDue();
        var member = careTeams.of(patientA).members();
        for (int round = 2; round <= 4; round++) { // three more warning texts about A to the doctor within the hour
            notifications.queue(alertA, Severity.WARNING, member, "repeat", round, "repeat " + round);
        }
        notifications.sendDue();
        assertThat(count("SELECT count(*) FROM notifications WHERE alert_id = ? AND status = 'sent'", alertA))
                .as("at most 3 warning SMS about one alert per 60 min").isEqualTo(3);
        JsonNode held = get("/alerts/" + alertA + "/notifications", 200).findParents("status").stream()
                .filter(n -> n.get("status").asString().equals("retrying")).findFirst().orElseThrow();
        assertThat(held.get("error").asString()).contains("rate limited").contains("goes at");
        assertThat(held.get("next_attempt_at").isNull()).as("the API says when it goes").isFalse();

        UUID alertB = alerts.onAnomaly(null, null, patientB, patientB + ":spo2:threshold", AnomalyKind.THRESHOLD,
                "spo2", Severity.WARNING, "spo2 89 < min 90.0", CLOCK.instant()).id();
        notifications.queue(alertA, Severity.CRITICAL, member, "worsened", 5, "critical about A");
        notifications.sendDue();
        assertThat(count("SELECT count(*) FROM notifications WHERE alert_id = ? AND status = 'sent'", alertB))
                .as("another patient's warning is not held back by A's").isEqualTo(1);
        assertThat(count("SELECT count(*) FROM notifications WHERE alert_id = ? AND status = 'sent' "
                + "AND severity = 'critical'", alertA)).as("a critical text never waits").isEqualTo(1);
        assertThat(count("SELECT count(*) FROM notifications WHERE recipient_id = ? AND status = 'retrying'", doctor))
                .as("still only A's fourth warning waits").isEqualTo(1);

        CLOCK.advance(Duration.ofMinutes(61)); // the window passed: the held-back warning goes out
        notifications.sendDue();
        assertThat(count("SELECT count(*) FROM notifications WHERE alert_id = ? AND status = 'sent' "
                + "AND severity = 'warning'", alertA)).isEqualTo(4);
    }

    @Test
    void anAlertWhoseCareTeamWasUnknownPagesThePrimaryDoctorOnceTheTeamIsKnown() {
        UUID patient = UUID.randomUUID(); // no care team stored, and the user-service does not know the patient
        UUID alert = alerts.onAnomaly(null, null, patient, patient + ":late-team", AnomalyKind.THRESHOLD, null, Severity.CRITICAL, "spo2 80 < min 90.0",
                CLOCK.instant()).id();
        notifications.sendDue();
        assertThat(count("SELECT count(*) FROM notifications WHERE alert_id = ?", alert)).isZero();
        assertThat(get("/alerts/" + patient, 200).get(0).get("error_message").asString()).contains("No care team");

        List<UUID> team = team(patient, "doctor", "+15555550141", "doctor", "+15555550142");
        CLOCK.advance(Duration.ofSeconds(30));
        alerts.advanceDue();
        notifications.sendDue();
        assertThat(sentTo(alert)).containsExactly(team.get(0));
        CLOCK.advance(Duration.ofSeconds(30));
        alerts.advanceDue();
        notifications.sendDue();
        assertThat(sentTo(alert)).as("paged once, not again").containsExactly(team.get(0));
    }

    @Test
    void aManualAlertForAPatientWithoutATeamIsSentToTheWholeTeamOnceItIsKnown() {
        UUID patient = UUID.randomUUID();
        UUID alert = alerts.manual(patient, "Please call the patient's daughter", Severity.WARNING).id();
        notifications.sendDue();
        assertThat(count("SELECT count(*) FROM notifications WHERE alert_id = ?", alert)).isZero();
        assertThat(get("/alerts/" + patient, 200).get(0).get("error_message").asString())
                .contains("No care team").contains("retrying");

        List<UUID> team = team(patient, "doctor", "+15555550161", "caretaker", "+15555550162");
        CLOCK.advance(Duration.ofSeconds(30));
        alerts.advanceDue();
        notifications.sendDue();
        assertThat(sentTo(alert)).as("the promised retry happened").containsExactlyInAnyOrderElementsOf(team);
        CLOCK.advance(Duration.ofMinutes(30));
        alerts.advanceDue();
        notifications.sendDue();
        assertThat(sentTo(alert)).as("a manual alert is sent once, never repeated").hasSize(2);
    }

    @Test
    void aCareTeamNobodyCanTellIsReportedAsUnknownAndLookedUpAgain() {
        UUID patient = UUID.randomUUID();
        USERS.setAvailable(false);
        try {
            UUID alert = alerts.onAnomaly(null, null, patient, patient + ":hr:threshold", AnomalyKind.THRESHOLD, null, Severity.CRITICAL,
                    "heart_rate 185 > max 130.0", CLOCK.instant()).id();
            assertThat(get("/alerts/" + patient, 200).get(0).get("error_message").asString())
                    .as("not mistaken for a patient without a team").contains("unknown").contains("unavailable")
                    .doesNotContain("No care team");
            CLOCK.advance(Duration.ofSeconds(30));
            alerts.advanceDue();
            CLOCK.advance(Duration.ofSeconds(30));
            alerts.advanceDue();
            assertThat(count("SELECT count(*) FROM notifications WHERE alert_id = ?", alert)).isZero();
            assertThat(count("SELECT escalation_level FROM alerts WHERE id = ?", alert))
                    .as("no escalation past people nobody could look up").isZero();

            List<UUID> team = team(patient, "doctor", "+15555550171", "doctor", "+15555550172");
            CLOCK.advance(Duration.ofSeconds(30));
            alerts.advanceDue();
            notifications.sendDue();
            assertThat(sentTo(alert)).containsExactly(team.get(0));
        } finally {
            USERS.setAvailable(true);
        }
    }

    @Test
    void infoAlertsFromAnomaliesAreNotTexted() {
        UUID patient = UUID.randomUUID();
        team(patient, "doctor", "+15555550131");
        UUID alert = alerts.onAnomaly(null, null, patient, patient + ":info", AnomalyKind.THRESHOLD, null, Severity.INFO, "fyi", CLOCK.instant()).id();
        notifications.sendDue();
        assertThat(count("SELECT count(*) FROM notifications WHERE alert_id = ?", alert)).isZero();
        assertThat(get("/alerts/" + patient, 200).get(0).get("error_message").asString()).contains("not sent");
    }

    /** One doctor on the care teams of these patients. */
    private void sharedDoctor(UUID doctor, UUID... patients) {
        for (UUID patient : patients) {
            careTeams.store(patient, List.of(new CareTeamChanged.Member(doctor, "Dr Shared", "doctor", "+15555550121",
                    null, true, 1)), CLOCK.instant());
        }
    }

    private List<UUID> sentTo(UUID alert) {
        return jdbc.queryForList("SELECT recipient_id FROM notifications WHERE alert_id = ? AND status = 'sent' "
                + "AND purpose IN ('alert', 'escalation') ORDER BY sent_at, created_at", UUID.class, alert);
    }
}
