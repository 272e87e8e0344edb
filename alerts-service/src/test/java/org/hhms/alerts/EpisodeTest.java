package org.hhms.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;

import org.hhms.alerts.alert.Alert;
import org.hhms.alerts.alert.AlertService;
import org.hhms.alerts.notify.NotificationService;
import org.hhms.contracts.alarms.AnomalyKind;
import org.hhms.contracts.alarms.Severity;
import org.hhms.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * Episodes: one open clinical alert per patient, paged again on every rise in severity (also after an
 * acknowledgement), one all-clear when the last condition clears; technical alerts apart; snoozing. The clock is the
 * test's and the schedules are slowed down, so only the test drives them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestClockConfiguration.class)
class EpisodeTest extends AlertsTestSupport {

    static final MutableClock CLOCK = TestClockConfiguration.CLOCK;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "hhms_test_episodes");
        registry.add("hhms.alerts.send-interval", () -> "1h");
        registry.add("hhms.alerts.escalation-interval", () -> "1h");
    }

    @Autowired
    AlertService alerts;

    @Autowired
    NotificationService notifications;

    @Autowired
    MeterRegistry meters;

    @Test
    void concurrentConditionsOfOnePatientAreOneEpisodePagedOnceWithOneAllClearAfterTheLastClears() {
        UUID patient = UUID.randomUUID();
        team(patient, "doctor", "+15555550201", "caretaker", "+15555550202");
        double openedBefore = counted(meters, "hhms.alerts.opened", "kind", "clinical");
        UUID episode = anomaly(patient, "heart_rate:threshold", Severity.WARNING, "heart_rate 135 > max 130.0").id();
        CLOCK.advance(Duration.ofSeconds(1));
        assertThat(anomaly(patient, "news2", Severity.WARNING, "NEWS2 5: medium").id()).isEqualTo(episode);
        CLOCK.advance(Duration.ofSeconds(1));
        assertThat(anomaly(patient, "spo2:threshold", Severity.WARNING, "spo2 89 < min 90.0").id()).isEqualTo(episode);
        notifications.sendDue();
        assertThat(count("SELECT count(*) FROM alerts WHERE patient_id = ?", patient)).isEqualTo(1);
        assertThat(sent(episode)).as("one page for the episode").isEqualTo(1);
        assertThat(counted(meters, "hhms.alerts.opened", "kind", "clinical") - openedBefore).as("the operator's count")
                .isEqualTo(1);
        JsonNode alert = get("/alerts/" + patient, 200).get(0);
        assertThat(alert.get("kind").asString()).isEqualTo("clinical");
        assertThat(alert.get("conditions").findValuesAsString("condition_key")).containsExactly(
                patient + ":heart_rate:threshold", patient + ":news2", patient + ":spo2:threshold");
        assertThat(alert.get("occurrence_count").asInt()).isEqualTo(3);
        assertThat(get("/alerts/" + episode + "/history", 200).findValuesAsString("description")).containsExactly(
                "heart_rate 135 > max 130.0", "NEWS2 5: medium", "spo2 89 < min 90.0");

        alerts.onResolved(patient + ":heart_rate:threshold", "heart_rate back in range (80)", CLOCK.instant());
        alerts.onResolved(patient + ":news2", "NEWS2 back to 1 (low risk)", CLOCK.instant());
        notifications.sendDue();
        assertThat(status(episode)).as("a condition is still open").isEqualTo("sent");
        assertThat(get("/alerts/" + patient, 200).get(0).get("conditions").findValuesAsString("status"))
                .containsExactly("cleared", "cleared", "open");
        assertThat(allClears(episode)).isZero();

        alerts.onResolved(patient + ":spo2:threshold", "spo2 back in range (95)", CLOCK.instant());
        notifications.sendDue();
        assertThat(status(episode)).isEqualTo("resolved");
        assertThat(allClears(episode)).as("one all-clear, to the doctor who was paged").isEqualTo(1);
        UUID next = anomaly(patient, "heart_rate:threshold", Severity.WARNING, "heart_rate 140 > max 130.0").id();
        assertThat(next).as("a new breach after the end is a new episode").isNotEqualTo(episode);
    }

    @Test
    void aRiseAfterAnAcknowledgementPagesAgainAndRestartsTheEscalationClockAtTheNewSeverity() {
        UUID patient = UUID.randomUUID();
        List<UUID> team = team(patient, "doctor", "+15555550211", "doctor", "+15555550212");
        UUID episode = anomaly(patient, "spo2:threshold", Severity.WARNING, "spo2 89 < min 90.0").id();
        notifications.sendDue();
        post("/alerts/" + episode + "/acknowledge", Map.of("status", "acknowledged", "doctor_id", team.get(0),
                "note", "Called the daughter; rechecking in 10 min"), 200);
        JsonNode acked = get("/alerts/" + patient, 200).get(0);
        assertThat(acked.get("acknowledgement_note").asString()).isEqualTo("Called the daughter; rechecking in 10 min");
        assertThat(acked.get("acknowledged_severity").asString()).isEqualTo("warning");

        anomaly(patient, "news2", Severity.WARNING, "NEWS2 5: medium");
        notifications.sendDue();
        assertThat(sent(episode)).as("no rise, no page: the acknowledgement covers warnings").isEqualTo(1);
        assertThat(status(episode)).isEqualTo("acknowledged");

        CLOCK.advance(Duration.ofMinutes(3));
        Instant rise = CLOCK.instant();
        double worsenedBefore = counted(meters, "hhms.alerts.worsened", "severity", "critical");
        anomaly(patient, "spo2:threshold", Severity.CRITICAL, "spo2 80 < min 90.0");
        assertThat(counted(meters, "hhms.alerts.worsened", "severity", "critical") - worsenedBefore).isEqualTo(1);
        notifications.sendDue();
        assertThat(count("SELECT count(*) FROM notifications WHERE alert_id = ? AND purpose = 'worsened' "
                + "AND status = 'sent' AND recipient_id = ?", episode, team.get(0))).as("paged again, at once")
                .isEqualTo(1);
        Alert worse = alerts.get(episode);
        assertThat(worse.status().json()).as("open again: the acknowledgement covered the warning").isEqualTo("sent");
        assertThat(worse.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(worse.message()).isEqualTo("spo2 80 < min 90.0");
        assertThat(worse.nextEscalationAt()).as("the critical clock, from the rise").isEqualTo(rise.plus(Duration.ofMinutes(5)));

        CLOCK.advance(Duration.ofMinutes(5));
        alerts.advanceDue();
        notifications.sendDue();
        assertThat(count("SELECT count(*) FROM notifications WHERE alert_id = ? AND purpose = 'escalation' "
                + "AND recipient_id = ?", episode, team.get(1))).as("escalated 5 min after the rise").isEqualTo(1);
    }

    @Test
    void anUnacknowledgedRiseRestartsTheClockOnTheNewSeverityInsteadOfKeepingTheWarningsOne() {
        UUID patient = UUID.randomUUID();
        List<UUID> team = team(patient, "doctor", "+15555550221", "doctor", "+15555550222");
        UUID episode = anomaly(patient, "heart_rate:threshold", Severity.WARNING, "heart_rate 135 > max 130.0").id();
        notifications.sendDue();
        CLOCK.advance(Duration.ofMinutes(20));
        anomaly(patient, "news2", Severity.CRITICAL, "NEWS2 7: high");
        notifications.sendDue();
        assertThat(count("SELECT count(*) FROM notifications WHERE alert_id = ? AND purpose = 'worsened' "
                + "AND status = 'sent'", episode)).isEqualTo(1);
        CLOCK.advance(Duration.ofMinutes(5)); // 25 min after the warning: its 30 min clock would not have escalated
        alerts.advanceDue();
        notifications.sendDue();
        assertThat(count("SELECT count(*) FROM notifications WHERE alert_id = ? AND purpose = 'escalation' "
                + "AND recipient_id = ?", episode, team.get(1))).isEqualTo(1);
    }

    @Test
    void aContradictedBreachGoesIntoAnOpenEpisodesHistoryAndPagesNobody() {
        UUID patient = UUID.randomUUID();
        team(patient, "doctor", "+15555550261");
        alerts.onContradicted(patient, List.of(UUID.randomUUID()), "r-0", Severity.WARNING,
                "spo2 74 < min 90.0: not confirmed", CLOCK.instant());
        assertThat(count("SELECT count(*) FROM alerts WHERE patient_id = ?", patient))
                .as("no episode open: nothing to tell, nothing opened").isZero();
        UUID episode = anomaly(patient, "heart_rate:threshold", Severity.WARNING, "heart_rate 135 > max 130.0").id();
        notifications.sendDue();
        CLOCK.advance(Duration.ofSeconds(1));
        alerts.onContradicted(patient, List.of(UUID.randomUUID(), UUID.randomUUID()), "r-2", Severity.CRITICAL,
                "heart_rate 190 > max 130.0: not confirmed, the next reading disagreed (probable artefact)",
                CLOCK.instant());
        notifications.sendDue();
        assertThat(get("/alerts/" + episode + "/history", 200).findValuesAsString("description")).containsExactly(
                "heart_rate 135 > max 130.0",
                "heart_rate 190 > max 130.0: not confirmed, the next reading disagreed (probable artefact)");
        Alert after = alerts.get(episode);
        assertThat(after.severity()).as("a contradicted value raises nothing").isEqualTo(Severity.WARNING);
        assertThat(after.occurrenceCount()).isEqualTo(1);
        assertThat(sent(episode)).isEqualTo(1);
    }

    @Test
    void aSilentDeviceIsATechnicalAlertOfItsOwnForTheCaretakerFirst() {
        UUID patient = UUID.randomUUID();
        List<UUID> team = team(patient, "doctor", "+15555550231", "caretaker", "+15555550232");
        UUID clinical = anomaly(patient, "heart_rate:threshold", Severity.WARNING, "heart_rate 135 > max 130.0").id();
        Alert technical = alerts.onAnomaly(null, null, patient, patient + ":stale_data", AnomalyKind.STALE_DATA, null,
                Severity.WARNING, "No readings for 31 min", CLOCK.instant());
        assertThat(technical.id()).isNotEqualTo(clinical);
        assertThat(technical.kind().json()).isEqualTo("stale_data");
        notifications.sendDue();
        assertThat(jdbc.queryForList("SELECT recipient_id FROM notifications WHERE alert_id = ? AND status = 'sent'",
                UUID.class, technical.id())).as("whoever looks after the device at home").containsExactly(team.get(1));
        assertThat(jdbc.queryForList("SELECT recipient_id FROM notifications WHERE alert_id = ? AND status = 'sent'",
                UUID.class, clinical)).containsExactly(team.get(0));
    }

    @Test
    void aSnoozeHoldsRepeatsUntilItEndsAndAWorseningBreaksThrough() {
        UUID patient = UUID.randomUUID();
        List<UUID> team = team(patient, "doctor", "+15555550241", "caretaker", "+15555550242");
        UUID episode = anomaly(patient, "glucose:threshold", Severity.WARNING, "glucose 320 > max 300.0").id();
        notifications.sendDue();
        JsonNode snoozed = post("/alerts/" + episode + "/snooze", Map.of("minutes", 90, "note", "insulin given"), 200);
        assertThat(snoozed.get("snooze_note").asString()).isEqualTo("insulin given");
        Instant until = Instant.parse(snoozed.get("snoozed_until").asString());
        assertThat(until).isEqualTo(CLOCK.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS)
                .plus(Duration.ofMinutes(90)));

        CLOCK.advance(Duration.ofMinutes(89)); // the warning's 30 min escalation and 60 min repeat are both due
        alerts.advanceDue();
        notifications.sendDue();
        assertThat(sent(episode)).as("nothing while snoozed").isEqualTo(1);

        CLOCK.advance(Duration.ofMinutes(1)); // the snooze always ends
        alerts.advanceDue();
        notifications.sendDue();
        assertThat(sent(episode)).as("paged again when the snooze ends").isGreaterThan(1);

        post("/alerts/" + episode + "/snooze", Map.of("minutes", 60), 200);
        anomaly(patient, "news2", Severity.CRITICAL, "NEWS2 8: high");
        notifications.sendDue();
        assertThat(count("SELECT count(*) FROM notifications WHERE alert_id = ? AND purpose = 'worsened' "
                + "AND status = 'sent'", episode)).as("a worsening breaks through the snooze").isGreaterThan(0);
        assertThat(alerts.get(episode).snoozedUntil()).isNull();
        assertThat(post("/alerts/" + episode + "/snooze", Map.of("minutes", 10), 409).get("detail").asString())
                .contains("critical alert cannot be snoozed");
        assertThat(team).hasSize(2);
    }

    @Test
    void aSnoozeIsBoundedAndNamesWhatIsWrong() {
        UUID patient = UUID.randomUUID();
        team(patient, "doctor", "+15555550251");
        UUID episode = anomaly(patient, "glucose:threshold", Severity.WARNING, "glucose 320 > max 300.0").id();
        assertThat(post("/alerts/" + episode + "/snooze", Map.of("minutes", 600), 400).get("errors").get(0)
                .get("field").asString()).isEqualTo("minutes");
        post("/alerts/" + episode + "/snooze", Map.of("minutes", 0), 400);
        post("/alerts/" + episode + "/snooze", Map.of("note", "no minutes"), 400);
        post("/alerts/" + UUID.randomUUID() + "/snooze", Map.of("minutes", 10), 404);
        assertThat(alerts.get(episode).snoozedUntil()).as("a refused snooze changes nothing").isNull();
    }

    private Alert anomaly(UUID patient, String condition, Severity severity, String description) {
        return alerts.onAnomaly(UUID.randomUUID(), null, patient, patient + ":" + condition,
                condition.equals("news2") ? AnomalyKind.NEWS2 : AnomalyKind.THRESHOLD, condition.split(":")[0],
                severity, description, CLOCK.instant());
    }

    private long sent(UUID alert) {
        return count("SELECT count(*) FROM notifications WHERE alert_id = ? AND status = 'sent' "
                + "AND purpose <> 'all_clear'", alert);
    }

    private long allClears(UUID alert) {
        return count("SELECT count(*) FROM notifications WHERE alert_id = ? AND purpose = 'all_clear' "
                + "AND status = 'sent'", alert);
    }

    private String status(UUID alert) {
        return jdbc.queryForObject("SELECT status FROM alerts WHERE id = ?", String.class, alert);
    }
}
