package org.hhms.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.hhms.testsupport.FakeUserService;
import org.hhms.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * Confirmation before paging, from the stream: a breach is held until the next reading confirms or contradicts it,
 * a suspected artefact likewise, and silence after one pages. The windows are shortened so silence is quick to
 * test; readings that follow each other are published back to back, far inside them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConfirmationTest extends AnalyticsTestSupport {

    static final FakeUserService USERS = new FakeUserService();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "hhms_test_confirmation");
        registry.add("hhms.security.user-service-url", USERS::url);
        registry.add("hhms.analytics.confirmation.window", () -> "4s");
        registry.add("hhms.analytics.confirmation.artefact-window", () -> "2s");
        registry.add("hhms.analytics.confirmation.check-interval", () -> "200ms");
    }

    @AfterAll
    static void stop() {
        USERS.close();
    }

    @Test
    void aLoneWarningIsHeldAndTheNextNormalReadingContradictsItPagingNobody() {
        UUID patient = USERS.addPatient();
        Instant at = Instant.now().minusSeconds(120);
        publish(patient, "w-1", at, "systolic_bp", 185);
        publish(patient, "w-2", at.plusSeconds(60), "systolic_bp", 140);
        assertThat(await(Duration.ofSeconds(5), () -> confirmation(patient, "contradicted") == 1)).isTrue();
        sleep(4500); // past the confirmation window: a contradicted breach stays contradicted
        assertThat(anomalyEvents(patient).stream().map(e -> e.get("type").asString()))
                .as("nobody paged, no all-clear for what never paged; an open episode would be told")
                .containsExactly("anomaly.contradicted");
        JsonNode told = anomalyEvents(patient).getFirst().get("data");
        assertThat(told.get("reading_id").asString()).isEqualTo("w-2");
        assertThat(told.get("description").asString()).startsWith("systolic_bp 185 > max 180.0: not confirmed");
        JsonNode recorded = get("/analytics/anomalies/" + patient, 200).get(0);
        assertThat(recorded.get("confirmation").asString()).isEqualTo("contradicted");
        assertThat(recorded.get("description").asString()).isEqualTo("systolic_bp 185 > max 180.0");
    }

    @Test
    void aWarningConfirmedByTheNextReadingIsAnnouncedWithTheReadingItWaitedFor() {
        UUID patient = USERS.addPatient();
        Instant at = Instant.now().minusSeconds(120);
        publish(patient, "c-1", at, "systolic_bp", 185);
        publish(patient, "c-2", at.plusSeconds(60), "systolic_bp", 187);
        assertThat(await(Duration.ofSeconds(5), () -> detected(patient).size() == 2)).isTrue();
        assertThat(detected(patient).stream().map(e -> e.get("data").get("reading_id").asString()))
                .containsExactly("c-1", "c-2");
        assertThat(confirmation(patient, "announced")).isEqualTo(2);
    }

    @Test
    void spo2MustPersistFifteenSecondsBeforeItPages() {
        UUID patient = USERS.addPatient();
        Instant at = Instant.now().minusSeconds(120);
        publish(patient, "o-1", at, "spo2", 88);
        publish(patient, "o-2", at.plusSeconds(5), "spo2", 88);
        publish(patient, "o-3", at.plusSeconds(10), "spo2", 89);
        assertThat(await(Duration.ofSeconds(5), () -> anomalies(patient, "threshold") == 3)).isTrue();
        sleep(300);
        assertThat(detected(patient)).as("10 s of SpO2 88-89: still held").isEmpty();
        publish(patient, "o-4", at.plusSeconds(16), "spo2", 88);
        assertThat(await(Duration.ofSeconds(5), () -> detected(patient).stream()
                .filter(e -> e.get("data").get("kind").asString().equals("threshold")).count() == 4))
                .as("16 s: confirmed, and the held readings announced with it").isTrue();
    }

    @Test
    void aSuspectedArtefactConfirmedByTheNextReadingPagesAtOnceEvenThoughItWasCritical() {
        UUID patient = USERS.addPatient();
        Instant at = Instant.now().minusSeconds(300);
        publish(patient, "a-0", at, "heart_rate", 75, "spo2", 97);
        publish(patient, "a-1", at.plusSeconds(60), "heart_rate", 160, "spo2", 86); // sudden: a jump in both
        assertThat(await(Duration.ofSeconds(5), () -> anomalies(patient, "threshold") == 2)).isTrue();
        sleep(300);
        assertThat(detected(patient)).as("a jump of 85 bpm and 11 points between two readings: held").isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM open_conditions WHERE patient_id = ? "
                + "AND hold_reason = 'suspected_artefact'", Long.class, patient)).isEqualTo(3);
        publish(patient, "a-2", at.plusSeconds(120), "heart_rate", 158, "spo2", 85); // sustained
        assertThat(await(Duration.ofSeconds(5), () -> detected(patient).size() == 6))
                .as("the second reading pages: heart rate, SpO2 and NEWS2, each with the held first").isTrue();
        assertThat(detected(patient).stream().anyMatch(e -> e.get("data").get("severity").asString()
                .equals("critical"))).isTrue();
    }

    @Test
    void aSuspectedArtefactContradictedByTheNextReadingIsRecordedAndPagesNobody() {
        UUID patient = USERS.addPatient();
        Instant at = Instant.now().minusSeconds(300);
        publish(patient, "d-0", at, "heart_rate", 72);
        publish(patient, "d-1", at.plusSeconds(60), "heart_rate", 150); // a pulse counted twice
        publish(patient, "d-2", at.plusSeconds(120), "heart_rate", 74);
        assertThat(await(Duration.ofSeconds(5), () -> confirmation(patient, "contradicted") == 2))
                .as("its threshold and NEWS2 anomalies").isTrue();
        sleep(2500); // past the artefact window
        assertThat(anomalyEvents(patient).stream().map(e -> e.get("type").asString()))
                .containsOnly("anomaly.contradicted").hasSize(2);
    }

    @Test
    void anArtefactFollowedByAnotherMetricsArtefactConfirmsNothing() {
        UUID patient = USERS.addPatient();
        Instant at = Instant.now().minusSeconds(300);
        publish(patient, "x-0", at, "heart_rate", 72, "spo2", 97);
        publish(patient, "x-1", at.plusSeconds(30), "heart_rate", 180, "spo2", 97); // motion read as pulse
        publish(patient, "x-2", at.plusSeconds(60), "heart_rate", 73, "spo2", 72); // then a clip slipping
        publish(patient, "x-3", at.plusSeconds(90), "heart_rate", 71, "spo2", 97);
        assertThat(await(Duration.ofSeconds(5), () -> confirmation(patient, "contradicted") == 4))
                .as("each artefact's threshold anomaly and the NEWS2 band both raised").isTrue();
        sleep(2500); // past the artefact window
        assertThat(anomalyEvents(patient).stream().map(e -> e.get("type").asString()))
                .as("the second artefact's NEWS2 band is no confirmation of the first's")
                .containsOnly("anomaly.contradicted");
    }

    @Test
    void aBreachThatComesBackWithinTheWindowAfterItsContradictionPagesAtOnce() {
        UUID patient = USERS.addPatient();
        Instant at = Instant.now().minusSeconds(60); // reading times 1 s apart: inside the 4 s window of this test
        publish(patient, "r-1", at, "systolic_bp", 185);
        publish(patient, "r-2", at.plusSeconds(1), "systolic_bp", 170);
        publish(patient, "r-3", at.plusSeconds(2), "systolic_bp", 186);
        // Well before the 4 s window would announce the held r-3 anyway.
        assertThat(await(Duration.ofMillis(2500), () -> detected(patient).size() == 1))
                .as("waxing and waning is no artefact: the recurrence pages without waiting for another reading")
                .isTrue();
        assertThat(detected(patient).getFirst().get("data").get("reading_id").asString()).isEqualTo("r-3");
        assertThat(confirmation(patient, "contradicted")).isEqualTo(1);

        UUID other = USERS.addPatient();
        publish(other, "q-0", at, "heart_rate", 72);
        publish(other, "q-1", at.plusSeconds(1), "heart_rate", 180); // a pulse counted twice
        publish(other, "q-2", at.plusSeconds(2), "heart_rate", 73);
        publish(other, "q-3", at.plusSeconds(3), "heart_rate", 182); // and again
        assertThat(await(Duration.ofSeconds(5), () -> anomalies(other, "threshold") == 2)).isTrue();
        sleep(300);
        assertThat(detected(other)).as("a recurring artefact is still only suspected").isEmpty();
    }

    @Test
    void silenceAfterASuspectedArtefactPagesWhenTheShortWindowEnds() {
        UUID patient = USERS.addPatient();
        Instant at = Instant.now().minusSeconds(90);
        publish(patient, "s-0", at, "heart_rate", 70);
        publish(patient, "s-1", at.plusSeconds(60), "heart_rate", 175);
        assertThat(await(Duration.ofSeconds(5), () -> anomalies(patient, "threshold") == 1)).isTrue();
        assertThat(detected(patient)).isEmpty();
        assertThat(await(Duration.ofSeconds(6), () -> detected(patient).size() == 2))
                .as("no reading followed the extreme value: it pages").isTrue();
        assertThat(confirmation(patient, "announced")).isEqualTo(2);
    }

    @Test
    void aCriticalValueThatIsNoJumpPagesAtOnceWithTheRestOfItsReading() {
        UUID patient = USERS.addPatient();
        Instant at = Instant.now().minusSeconds(60);
        publish(patient, "k-0", at, "heart_rate", 140);
        publish(patient, "k-1", at.plusSeconds(30), "heart_rate", 165); // a rise of 25: plausible, and critical
        assertThat(await(Duration.ofSeconds(5), () -> detected(patient).size() >= 3)).isTrue();
        assertThat(detected(patient).stream().map(e -> e.get("data").get("reading_id").asString()))
                .as("k-0's held warnings were confirmed by k-1").contains("k-0", "k-1");
    }

    @Test
    void anAllClearIsConfirmedTooAValueWaveringAroundItsBoundIsOneCondition() {
        UUID patient = USERS.addPatient();
        Instant at = Instant.now().minus(Duration.ofMinutes(30));
        publish(patient, "v-0", at, "temperature", 40.5); // critical, no jump: announced at once
        publish(patient, "v-1", at.plus(Duration.ofMinutes(1)), "temperature", 37.5);
        publish(patient, "v-2", at.plus(Duration.ofMinutes(2)), "temperature", 39.6); // back over the bound
        publish(patient, "v-3", at.plus(Duration.ofMinutes(3)), "temperature", 37.4);
        publish(patient, "v-4", at.plus(Duration.ofMinutes(12)), "temperature", 37.2); // 9 min back in range
        assertThat(await(Duration.ofSeconds(5), () -> judged(patient) == 5)).isTrue();
        assertThat(resolved(patient)).as("not yet 10 min back in range since the last breach").isZero();
        publish(patient, "v-5", at.plus(Duration.ofMinutes(13)), "temperature", 37.1);
        assertThat(await(Duration.ofSeconds(5), () -> resolved(patient) == 1)).isTrue();
        assertThat(detected(patient).stream().map(e -> e.get("data").get("reading_id").asString()))
                .as("one condition all along: its two breaches announced, one all-clear").containsExactly("v-0",
                        "v-2");
    }

    private long resolved(UUID patient) {
        return anomalyEvents(patient).stream().filter(e -> e.get("type").asString().equals("anomaly.resolved"))
                .count();
    }

    private List<JsonNode> detected(UUID patient) {
        return anomalyEvents(patient).stream().filter(e -> e.get("type").asString().equals("anomaly.detected"))
                .toList();
    }
}
