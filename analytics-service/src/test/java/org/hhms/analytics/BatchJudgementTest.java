package org.hhms.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.hhms.analytics.evaluation.PatientLocks;
import org.hhms.analytics.evaluation.VitalEvaluator;
import org.hhms.analytics.evaluation.VitalReading;
import org.hhms.messaging.stream.GroupConsumer;
import org.hhms.testsupport.FakeUserService;
import org.hhms.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Readings judged many at a time (a consumer's read, in one transaction, with the patients' state read once and
 * written back once) come to exactly what judging them one by one comes to, and one patient is judged by one batch
 * at a time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BatchJudgementTest extends AnalyticsTestSupport {

    static final FakeUserService USERS = new FakeUserService();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "hhms_test_batch");
        registry.add("hhms.security.user-service-url", USERS::url);
        // These tests are about other rules: a condition ends at the first reading back in range.
        registry.add("hhms.analytics.confirmation.clear-after", () -> "0s");
    }

    @Autowired
    @Qualifier("vitalsConsumer")
    GroupConsumer vitalsConsumer;

    @Autowired
    VitalEvaluator evaluator;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    PatientLocks locks;

    @AfterAll
    static void stop() {
        USERS.close();
    }

    @Test
    void aBacklogJudgedInBatchesComesToWhatJudgingItReadingByReadingDoes() {
        Instant start = Instant.now().minus(Duration.ofMinutes(30));
        UUID alone = USERS.addPatient();
        judgeOneByOne(alone, course(start));
        List<UUID> backlog = new ArrayList<>();
        for (int p = 0; p < 6; p++) {
            backlog.add(USERS.addPatient());
        }
        judgeAsBacklog(vitalsConsumer, backlog, course(start));
        int readings = course(start).size();
        List<String> expected = outcome(alone);
        assertThat(expected).as("the course raises NEWS2 from values spread over readings, and a threshold")
                .anyMatch(a -> a.startsWith("news2 announced 5.0 b0-c")).anyMatch(a -> a.startsWith("threshold announced 146.0 b0-f"));
        for (UUID patient : backlog) {
            assertThat(outcome(patient)).as("patient %s", patient).isEqualTo(expected);
            assertThat(eventTypes(patient)).isEqualTo(eventTypes(alone));
        }
        Long commits = jdbc.queryForObject("SELECT count(DISTINCT judged_at) FROM judged_readings WHERE patient_id = "
                + "ANY (CAST(? AS uuid[]))", Long.class, "{" + String.join(",", backlog.stream().map(UUID::toString)
                        .toList()) + "}");
        assertThat(commits).as("transactions that judged the %d readings", backlog.size() * readings)
                .isLessThanOrEqualTo(readings);
    }

    @Test
    void aPatientIsJudgedByOneBatchAtATime() throws Exception {
        UUID patient = USERS.addPatient();
        Instant at = Instant.now().minus(Duration.ofMinutes(5));
        CountDownLatch firstHoldsThePatient = new CountDownLatch(1);
        // Breathing 22 and pulse 112 score 2 each: NEWS2 4, no alarm. The first batch holds its transaction open.
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status -> {
            evaluator.evaluate(List.of(VitalReading.of(reading(patient, "lock-1", at, "respiratory_rate", 22,
                    "heart_rate", 112), "test")));
            firstHoldsThePatient.countDown();
            sleep(700);
        }));
        assertThat(firstHoldsThePatient.await(10, TimeUnit.SECONDS)).isTrue();
        // 38.5 °C scores 1: with the first batch's values NEWS2 5 (medium). Judged before those were committed, it
        // would have counted 1 and said nothing.
        long began = System.nanoTime();
        evaluator.evaluate(List.of(VitalReading.of(reading(patient, "lock-2", at.plusSeconds(1), "temperature", 38.5),
                "test")));
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
        first.get(10, TimeUnit.SECONDS);
        assertThat(waitedMillis).as("the second batch waited for the first").isGreaterThanOrEqualTo(400);
        assertThat(jdbc.queryForList("SELECT observed_value FROM anomalies WHERE patient_id = ? AND kind = 'news2'",
                Double.class, patient)).containsExactly(5.0);
    }

    @Test
    void aPatientsLockIsTakenAgainByEveryTransactionThatAsksForIt() throws Exception {
        UUID patient = USERS.addPatient();
        long key = patient.getMostSignificantBits() ^ patient.getLeastSignificantBits();
        transactions.executeWithoutResult(status -> {
            locks.lock(List.of(patient));
            locks.lock(List.of(patient)); // held already: no second statement
        });
        // The next transaction of the same thread must take it again, not believe it still holds it.
        transactions.executeWithoutResult(status -> {
            locks.lock(List.of(patient));
            Boolean elsewhere = CompletableFuture.supplyAsync(() -> transactions.execute(other -> jdbc.queryForObject(
                    "SELECT pg_try_advisory_xact_lock(?)", Boolean.class, key))).join();
            assertThat(elsewhere).as("another transaction cannot take the patient's lock").isFalse();
        });
        Boolean released = transactions.execute(status -> jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)",
                Boolean.class, key));
        assertThat(released).as("released at commit").isTrue();
    }

    @Test
    void readingIdsOfAnyCharactersAreJudgedAndNamedAsSent() {
        UUID patient = USERS.addPatient();
        Instant at = Instant.now().minus(Duration.ofMinutes(2));
        // The batch statements pass ids as array literals: quotes, braces, commas, backslashes and the word NULL
        // must reach the database as they were sent.
        List<String> ids = List.of("watch \"7\", {night}", "back\\slash", "NULL", "  spaced  ");
        vitalsConsumer.stop();
        try {
            for (int i = 0; i < ids.size(); i++) {
                publish(patient, ids.get(i), at.plusSeconds(i), "heart_rate", 190);
            }
        } finally {
            vitalsConsumer.start();
        }
        assertThat(await(Duration.ofSeconds(10), () -> judged(patient) == ids.size())).isTrue();
        assertThat(jdbc.queryForList("SELECT reading_id FROM judged_readings WHERE patient_id = ?", String.class,
                patient)).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(jdbc.queryForList("SELECT reading_id FROM anomalies WHERE patient_id = ? AND kind = 'threshold'",
                String.class, patient)).containsExactlyInAnyOrderElementsOf(ids);
    }

    /**
     * Per reading: its id, its time and its metrics. NEWS2 builds over several readings (breathing and pulse in one,
     * temperature in the next), a pulse of 145 is held and then confirmed, and a normal reading clears everything.
     */
    private static List<Object[]> course(Instant start) {
        List<Object[]> course = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            Instant t = start.plusSeconds(round * 60L);
            String r = "b" + round + "-";
            course.add(new Object[] {r + "a", t, new Object[] {"heart_rate", 72, "respiratory_rate", 16, "spo2", 97,
                "temperature", 37.0}});
            course.add(new Object[] {r + "b", t.plusSeconds(1), new Object[] {"respiratory_rate", 22, "heart_rate",
                112}});
            course.add(new Object[] {r + "c", t.plusSeconds(2), new Object[] {"temperature", 38.5}});
            course.add(new Object[] {r + "d", t.plusSeconds(3), new Object[] {"temperature", 38.6}});
            course.add(new Object[] {r + "e", t.plusSeconds(4), new Object[] {"heart_rate", 145}});
            course.add(new Object[] {r + "f", t.plusSeconds(5), new Object[] {"heart_rate", 146}});
            course.add(new Object[] {r + "g", t.plusSeconds(6), new Object[] {"heart_rate", 72, "respiratory_rate", 16,
                "temperature", 37.0}});
        }
        return course;
    }

    /** The patient's anomalies in reading order, without what differs between patients. */
    private List<String> outcome(UUID patient) {
        return jdbc.query("""
                SELECT kind, confirmation, observed_value, reading_id, severity, description FROM anomalies
                 WHERE patient_id = ? ORDER BY reading_time, kind
                """, (rs, row) -> String.join(" ", rs.getString(1), rs.getString(2), "" + rs.getDouble(3), rs.getString(4),
                rs.getString(5), rs.getString(6)), patient);
    }

    private List<String> eventTypes(UUID patient) {
        return anomalyEvents(patient).stream().map(e -> e.get("type").asString() + " "
                + e.get("data").path("kind").asString() + " " + e.get("data").path("reading_id").asString()).toList();
    }
}
