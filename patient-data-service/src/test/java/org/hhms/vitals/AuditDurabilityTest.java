package org.hhms.vitals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.hhms.testsupport.FakeUserService;
import org.hhms.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An audit record is as durable as the answer it describes: an answered read is already in the trail when the
 * client gets it, and a read whose record cannot be written is not answered with data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditDurabilityTest extends VitalsApiSupport {

    static final FakeUserService USERS = new FakeUserService();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "hhms_test_audit");
        registry.add("hhms.security.user-service-url", USERS::url);
        registry.add("hhms.audit.write-timeout", () -> "1s");
    }

    @AfterAll
    static void stop() {
        USERS.close();
    }

    @Test
    void everyAnsweredReadIsInTheTrailWhenTheAnswerArrives() {
        UUID patient = USERS.addPatient();
        post("/patient/" + patient, reading("2026-11-23T11:00:00Z", "heart_rate", 70), 201);
        for (int i = 0; i < 25; i++) {
            String requestId = "audit-now-" + i + "-" + UUID.randomUUID();
            client.get().uri("/patient/" + patient + "/latest").header("X-Request-ID", requestId).exchange()
                    .expectStatus().isOk();
            assertThat(records(requestId)).as("record of read %d, read right after its answer", i).isEqualTo(1);
        }
    }

    @Test
    void aReadWhoseRecordCannotBeWrittenIsWithheldAndItsRecordFollowsLater() {
        UUID patient = USERS.addPatient();
        post("/patient/" + patient, reading("2026-11-23T11:05:00Z", "heart_rate", 71), 201);
        String requestId = "audit-down-" + UUID.randomUUID();
        jdbc.execute("ALTER TABLE audit_events RENAME TO audit_events_away");
        try {
            client.get().uri("/patient/" + patient + "/latest").header("X-Request-ID", requestId).exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().contentType("application/problem+json")
                    .expectHeader().valueEquals("X-Request-ID", requestId)
                    .expectBody()
                    .jsonPath("$.detail").value(String.class, detail -> assertThat(detail).contains("audit"))
                    .jsonPath("$.outcome").isEqualTo("not_applied")
                    .jsonPath("$.heart_rate").doesNotExist();
        } finally {
            jdbc.execute("ALTER TABLE audit_events_away RENAME TO audit_events");
        }
        // Nothing is dropped: the record of the withheld read is written once the table is back.
        assertThat(await(Duration.ofSeconds(10), () -> records(requestId) == 1)).isTrue();
    }

    private long records(String requestId) {
        return jdbc.queryForObject("SELECT count(*) FROM audit_events WHERE request_id = ?", Long.class, requestId);
    }
}
