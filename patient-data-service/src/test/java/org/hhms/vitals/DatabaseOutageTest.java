package org.hhms.vitals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.hhms.testsupport.FakeUserService;
import org.hhms.testsupport.TcpProxy;
import org.hhms.testsupport.TestDatabases;
import org.hhms.vitals.reading.ReadingService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The service reaches PostgreSQL through a proxy the test cuts: while the database is away a reading is refused
 * with a 503 the device can retry (never a 201 for something not stored), and once it is back the retry is stored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DatabaseOutageTest extends VitalsApiSupport {

    static final FakeUserService USERS = new FakeUserService();
    static final TcpProxy POSTGRES = new TcpProxy(TestDatabases.pgHost(), TestDatabases.pgPort());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "hhms_test_dboutage", POSTGRES.port());
        registry.add("spring.datasource.hikari.connection-timeout", () -> "1000");
        registry.add("hhms.security.user-service-url", USERS::url);
    }

    /**
     * When set, the database goes away just before the next commit of a request (or of the group commit writing
     * single readings for requests): its outcome is in doubt.
     */
    static final AtomicBoolean CUT_AT_COMMIT = new AtomicBoolean();

    @TestConfiguration
    static class CutAtCommit {
        @Bean
        TransactionExecutionListener cutTheDatabaseAtCommit() {
            return new TransactionExecutionListener() {
                @Override
                public void beforeCommit(TransactionExecution transaction) {
                    boolean forRequests = RequestContextHolder.getRequestAttributes() != null
                            || ReadingService.GROUP_COMMIT.equals(transaction.getTransactionName());
                    if (forRequests && CUT_AT_COMMIT.getAndSet(false)) {
                        POSTGRES.cut();
                    }
                }
            };
        }
    }

    @AfterAll
    static void stop() {
        POSTGRES.close();
        USERS.close();
    }

    @Test
    void aReadingIsRefusedWith503WhileTheDatabaseIsAwayAndStoredOnRetryAfter() {
        UUID patient = USERS.addPatient();
        post("/patient/" + patient, reading("2026-11-23T09:00:00Z", "heart_rate", 70), 201);

        POSTGRES.cut();
        client.post().uri("/patient/" + patient).contentType(MediaType.APPLICATION_JSON)
                .body(reading("2026-11-23T09:01:00Z", "heart_rate", 71)).exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals("Retry-After", "5")
                .expectHeader().contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.outcome").isEqualTo("not_applied")
                .jsonPath("$.detail").value(String.class,
                        detail -> assertThat(detail).contains("nothing was changed").doesNotContain("SQL"));

        POSTGRES.restore();
        assertThat(await(Duration.ofSeconds(15), () -> client.post().uri("/patient/" + patient)
                .contentType(MediaType.APPLICATION_JSON).body(reading("2026-11-23T09:01:00Z", "heart_rate", 71))
                .exchange().returnResult(String.class).getStatus().value() == 201)).isTrue();
        assertThat(rows(patient)).isEqualTo(2);
        assertThat(get("/patient/" + patient + "/latest", 200).get("heart_rate").asDouble()).isEqualTo(71.0);
    }

    @Test
    void aCommitTheDatabaseWentAwayDuringIsAnsweredAsOfUnknownOutcome() {
        UUID patient = USERS.addPatient();
        post("/patient/" + patient, reading("2026-11-23T09:10:00Z", "heart_rate", 70), 201);
        Map<String, Object> reading = reading("2026-11-23T09:11:00Z", "heart_rate", 72, "reading_id", "r-doubt");
        CUT_AT_COMMIT.set(true);
        try {
            client.post().uri("/patient/" + patient).contentType(MediaType.APPLICATION_JSON).body(reading).exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().contentType("application/problem+json")
                    .expectBody()
                    .jsonPath("$.outcome").isEqualTo("unknown")
                    .jsonPath("$.detail").value(String.class, detail -> assertThat(detail)
                            .contains("outcome is unknown").contains("reading_id").doesNotContain("nothing was changed"));
        } finally {
            CUT_AT_COMMIT.set(false);
            POSTGRES.restore();
        }
        // As the answer says, the retry with the same reading_id is safe: one row whatever happened.
        assertThat(await(Duration.ofSeconds(15), () -> {
            int status = client.post().uri("/patient/" + patient).contentType(MediaType.APPLICATION_JSON)
                    .body(reading).exchange().returnResult(String.class).getStatus().value();
            return status == 201 || status == 200;
        })).isTrue();
        assertThat(rows(patient)).isEqualTo(2);
    }
}
