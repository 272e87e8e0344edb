package org.hhms.vitals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.hhms.testsupport.FakeUserService;
import org.hhms.testsupport.TcpProxy;
import org.hhms.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

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
        registry.add("hhms.vitals.user-service-url", USERS::url);
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
                .expectBody().jsonPath("$.detail").value(String.class,
                        detail -> assertThat(detail).contains("nothing was changed").doesNotContain("SQL"));

        POSTGRES.restore();
        assertThat(await(Duration.ofSeconds(15), () -> client.post().uri("/patient/" + patient)
                .contentType(MediaType.APPLICATION_JSON).body(reading("2026-11-23T09:01:00Z", "heart_rate", 71))
                .exchange().returnResult(String.class).getStatus().value() == 201)).isTrue();
        assertThat(rows(patient)).isEqualTo(2);
        assertThat(get("/patient/" + patient + "/latest", 200).get("heart_rate").asDouble()).isEqualTo(71.0);
    }
}
