package org.hhms.vitals;

import static org.assertj.core.api.Assertions.assertThat;
import org.hhms.testsupport.TestTokens;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

import org.hhms.testsupport.FakeUserService;
import org.hhms.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

/** Ingest of single readings and batches: storage, idempotency, validation, publishing. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IngestTest extends VitalsApiSupport {

    static final FakeUserService USERS = new FakeUserService();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "hhms_test_ingest");
        registry.add("hhms.security.user-service-url", USERS::url);
        registry.add("hhms.vitals.max-batch", () -> 50);
    }

    @Autowired
    MeterRegistry meters;

    @AfterAll
    static void stop() {
        USERS.close();
    }

    @Test
    void aReadingIsStoredAnswered201AndPublishedWithTheRequestId() {
        UUID patient = USERS.addPatient();
        String json = client.post().uri("/patient/" + patient).contentType(MediaType.APPLICATION_JSON)
                .header("X-Request-ID", "ingest-trace-1")
                .body(reading("2026-11-23T10:00:00Z", "heart_rate", 88, "spo2", 98, "device_id", "watch-1"))
                .exchange().expectStatus().isCreated()
                .expectHeader().valueEquals("HHMS-Readings-Created", "1")
                .expectBody(String.class).returnResult().getResponseBody();
        JsonNode stored = mapper.readTree(json);
        assertThat(stored.get("patient_id").asString()).isEqualTo(patient.toString());
        assertThat(stored.get("timestamp").asString()).isEqualTo("2026-11-23T10:00:00Z");
        assertThat(stored.get("heart_rate").asDouble()).isEqualTo(88.0);
        assertThat(stored.get("spo2").asDouble()).isEqualTo(98.0);
        assertThat(stored.get("device_id").asString()).isEqualTo("watch-1");
        for (String absent : List.of("respiratory_rate", "systolic_bp", "diastolic_bp", "temperature", "glucose",
                "weight_kg")) {
            assertThat(stored.has(absent)).as(absent).isTrue();
            assertThat(stored.get(absent).isNull()).as(absent).isTrue();
        }
        assertThat(rows(patient)).isEqualTo(1);

        JsonNode event = awaitVitalEvents(patient, e -> !e.isEmpty()).getFirst();
        assertThat(event.get("type").asString()).isEqualTo("vital.recorded");
        assertThat(event.get("trace_id").asString()).isEqualTo("ingest-trace-1");
        JsonNode data = event.get("data");
        assertThat(data.get("reading_id").asString()).isEqualTo(stored.get("reading_id").asString());
        assertThat(data.get("recorded_at").asString()).isEqualTo("2026-11-23T10:00:00Z");
        assertThat(data.get("heart_rate").asDouble()).isEqualTo(88.0);
        assertThat(data.has("temperature")).isFalse();
    }

    @Test
    void aRepeatedReadingIsStoredOnceAndAnswered200WithWhatWasStored() {
        UUID patient = USERS.addPatient();
        double storedBefore = ingested("stored");
        double repeatsBefore = ingested("repeat");
        Map<String, Object> reading = reading("2026-11-23T10:05:00Z", "heart_rate", 71);
        JsonNode first = post("/patient/" + patient, reading, 201);
        JsonNode again = post("/patient/" + patient, reading, 200);
        assertThat(again).isEqualTo(first);
        // Same client reading_id, other content: the stored reading wins.
        post("/patient/" + patient, reading(null, "reading_id", "dev-42", "heart_rate", 72), 201);
        JsonNode retried = post("/patient/" + patient, reading(null, "reading_id", "dev-42", "heart_rate", 99), 200);
        assertThat(retried.get("heart_rate").asDouble()).isEqualTo(72.0);
        assertThat(rows(patient)).isEqualTo(2);
        assertThat(ingested("stored") - storedBefore).as("hhms.readings.ingested{outcome=stored}").isEqualTo(2);
        assertThat(ingested("repeat") - repeatsBefore).isEqualTo(2);
        List<JsonNode> events = awaitVitalEvents(patient, e -> e.size() >= 2);
        sleep(300);
        assertThat(vitalEvents(patient)).hasSize(2);
        assertThat(events).extracting(e -> e.get("data").get("reading_id").asString()).doesNotHaveDuplicates();
    }

    private double ingested(String outcome) {
        return meters.get("hhms.readings.ingested").tag("outcome", outcome).counter().count();
    }

    @Test
    void readingsWithoutAnIdAreTwoReadingsWhenAnythingDiffers() {
        UUID patient = USERS.addPatient();
        post("/patient/" + patient, reading("2026-11-23T10:07:00Z", "heart_rate", 70), 201);
        // A corrected value, and another device, at the same instant: new readings, not repeats to drop.
        post("/patient/" + patient, reading("2026-11-23T10:07:00Z", "heart_rate", 75), 201);
        post("/patient/" + patient, reading("2026-11-23T10:07:00Z", "heart_rate", 70, "device_id", "cuff-2"), 201);
        post("/patient/" + patient, reading("2026-11-23T10:07:00Z", "heart_rate", 75), 200);
        assertThat(rows(patient)).isEqualTo(3);
    }

    /**
     * Group commit: concurrent single readings of several patients, each also sent by a second client at the same
     * time, are written together (fewer transactions than requests), every reading once, with one 201 and one event
     * traced to the request that stored it; the copies are answered 200 with the stored reading.
     */
    @Test
    void concurrentSingleReadingsAreWrittenTogetherEachOnceTracedToItsOwnRequest() throws Exception {
        List<UUID> patients = List.of(USERS.addPatient(), USERS.addPatient(), USERS.addPatient());
        DistributionSummary groups = meters.get("hhms.readings.group_commit").summary();
        long transactionsBefore = groups.count();
        int clients = 32;
        int perClient = 15;
        HttpClient http = HttpClient.newHttpClient();
        CountDownLatch start = new CountDownLatch(1);
        record Sent(UUID patient, String readingId, String requestId, int status, String answeredId) {
        }
        List<Sent> sent = java.util.Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perClient; i++) {
                        // Clients 2k and 2k+1 send the same readings: every reading arrives twice, concurrently.
                        int n = (client / 2) * perClient + i;
                        UUID patient = patients.get(n % patients.size());
                        String readingId = "group-" + n;
                        String requestId = "group-trace-" + client + "-" + i;
                        String body = mapper.writeValueAsString(reading(Instant.parse("2026-11-23T00:00:00Z")
                                .plusSeconds(n).toString(), "heart_rate", 60 + n % 40, "reading_id", readingId));
                        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(
                                "http://127.0.0.1:" + port + "/patient/" + patient))
                                .header("Authorization", TestTokens.bearer(TestTokens.admin()))
                                .header("Content-Type", "application/json").header("X-Request-ID", requestId)
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        sent.add(new Sent(patient, readingId, requestId, response.statusCode(),
                                mapper.readTree(response.body()).path("reading_id").asString()));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        }
        int unique = clients / 2 * perClient;
        assertThat(sent).hasSize(clients * perClient).allSatisfy(s -> {
            assertThat(s.status()).isIn(200, 201);
            assertThat(s.answeredId()).isEqualTo(s.readingId());
        });
        Map<String, List<Sent>> created = sent.stream().filter(s -> s.status() == 201)
                .collect(java.util.stream.Collectors.groupingBy(Sent::readingId));
        assertThat(created).hasSize(unique).allSatisfy((id, answers) -> assertThat(answers).hasSize(1));
        assertThat(patients.stream().mapToLong(this::rows).sum()).isEqualTo(unique);
        long transactions = groups.count() - transactionsBefore;
        assertThat(transactions).as("transactions for %d requests", sent.size()).isLessThan(sent.size());
        for (UUID patient : patients) {
            List<JsonNode> events = awaitVitalEvents(patient, e -> e.size() >= unique / patients.size());
            assertThat(events).hasSize(unique / patients.size()).allSatisfy(event -> {
                String readingId = event.get("data").get("reading_id").asString();
                assertThat(event.get("trace_id").asString()).as(readingId)
                        .isEqualTo(created.get(readingId).getFirst().requestId());
            });
        }
    }

    @Test
    void tenConcurrentCopiesOfOneReadingMakeOneRow() throws Exception {
        UUID patient = USERS.addPatient();
        String body = mapper.writeValueAsString(reading("2026-11-23T10:10:00Z", "spo2", 95));
        HttpClient http = HttpClient.newHttpClient();
        CountDownLatch start = new CountDownLatch(1);
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(10)) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/patient/"
                            + patient))
                    .header("Authorization", TestTokens.bearer(TestTokens.admin())).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
                }));
            }
            start.countDown();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
        }
        assertThat(statuses).containsOnly(200, 201).filteredOn(s -> s == 201).hasSize(1);
        assertThat(rows(patient)).isEqualTo(1);
        sleep(500);
        assertThat(vitalEvents(patient)).hasSize(1);
    }

    @Test
    void aBatchIsStoredWholeAndARepeatedBatchIs200() {
        UUID patient = USERS.addPatient();
        Map<String, Object> batch = Map.of("readings", List.of(
                reading("2026-11-23T09:00:00Z", "heart_rate", 80),
                reading("2026-11-23T09:01:00Z", "systolic_bp", 120, "diastolic_bp", 80),
                reading("2026-11-23T09:00:00Z", "heart_rate", 80)));
        String json = client.post().uri("/patient/batch/" + patient).contentType(MediaType.APPLICATION_JSON)
                .body(batch).exchange().expectStatus().isCreated()
                .expectHeader().valueEquals("HHMS-Readings-Created", "2")
                .expectHeader().valueEquals("HHMS-Readings-Duplicate", "1")
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(mapper.readTree(json)).hasSize(3);
        assertThat(rows(patient)).isEqualTo(2);
        assertThat(post("/patient/batch/" + patient, batch, 200)).hasSize(3);
        assertThat(rows(patient)).isEqualTo(2);
    }

    @Test
    void aBatchWithOneBadReadingStoresNothingAndNamesEveryProblem() {
        UUID patient = USERS.addPatient();
        JsonNode problem = post("/patient/batch/" + patient, Map.of("readings", List.of(
                reading("2026-11-23T09:00:00Z", "heart_rate", 80),
                reading("2026-11-23T09:01:00Z", "spo2", 120),
                reading("2026-11-23T09:02:00Z", "systolic_bp", 120))), 400);
        assertThat(problem.get("errors").findValuesAsString("field"))
                .containsExactly("readings[1].spo2", "readings[2].diastolic_bp");
        assertThat(rows(patient)).isZero();
    }

    @Test
    void batchLimits() {
        UUID patient = USERS.addPatient();
        post("/patient/batch/" + patient, Map.of("readings", List.of()), 400);
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            tooMany.add(reading(null, "heart_rate", 60 + i % 30));
        }
        assertThat(post("/patient/batch/" + patient, Map.of("readings", tooMany), 400).get("detail").asString())
                .contains("at most 50");
        assertThat(rows(patient)).isZero();
    }

    @Test
    void inputErrorsAreProblemDetailsNamingTheField() {
        UUID patient = USERS.addPatient();
        assertThat(post("/patient/" + patient, reading(null, "heart_rate", 80, "pulse", 80), 400)
                .get("errors").get(0).get("field").asString()).isEqualTo("pulse");
        assertThat(post("/patient/batch/" + patient, Map.of("readings", List.of(reading(null, "heart_rate", 80),
                reading(null, "heart_rate", 80, "mood", "ok"))), 400).get("errors").get(0).get("field").asString())
                .isEqualTo("readings[1].mood");
        assertThat(post("/patient/" + patient, reading(null, "consciousness", "asleep", "heart_rate", 80), 400)
                .get("detail").asString()).contains("consciousness").contains("alert, confusion");
        assertThat(post("/patient/not-a-uuid", reading(null, "heart_rate", 80), 400)
                .get("errors").get(0).get("field").asString()).isEqualTo("patient_id");
        assertThat(post("/patient/" + patient, reading(null, "heart_rate", "fast"), 400)
                .get("errors").get(0).get("field").asString()).isEqualTo("heart_rate");
        assertThat(rows(patient)).isZero();
    }

    @Test
    void anUnknownPatientIs404AndTheAnswerIsRemembered() {
        UUID stranger = UUID.randomUUID();
        int before = USERS.lookups();
        post("/patient/" + stranger, reading(null, "heart_rate", 80), 404);
        post("/patient/" + stranger, reading(null, "heart_rate", 80), 404);
        assertThat(USERS.lookups() - before).isEqualTo(1);
        assertThat(rows(stranger)).isZero();
    }

    @Test
    void aKnownPatientCostsOneLookupOnly() {
        UUID patient = USERS.addPatient();
        int before = USERS.lookups();
        for (int i = 0; i < 5; i++) {
            post("/patient/" + patient, reading(null, "heart_rate", 70 + i), 201);
        }
        assertThat(USERS.lookups() - before).isEqualTo(1);
    }
}
