package org.hhms.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway against four fake services on real sockets; the alerts service's port refuses connections.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayTest {

    static final FakeService USERS = FakeService.start("user-service");
    static final FakeService VITALS = FakeService.start("patient-data-service");
    static final FakeService ANALYTICS = FakeService.start("analytics-service");
    static final FakeService DASHBOARD = FakeService.start("dashboard");
    static final int REFUSING_PORT = FakeService.refusingPort();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("USER_SERVICE_URL", USERS::url);
        registry.add("PATIENT_DATA_SERVICE_URL", VITALS::url);
        registry.add("ANALYTICS_SERVICE_URL", ANALYTICS::url);
        registry.add("ALERTS_SERVICE_URL", () -> "http://127.0.0.1:" + REFUSING_PORT);
        registry.add("DASHBOARD_URL", DASHBOARD::url);
        registry.add("hhms.security.key-prefix", () -> "test:" + UUID.randomUUID() + ":");
    }

    @LocalServerPort
    int port;

    WebTestClient client;

    @BeforeEach
    void setUp() {
        client = AdminClient.of(port);
        USERS.setHealthy(true);
        VITALS.setHealthy(true);
    }

    @AfterAll
    static void stop() {
        USERS.close();
        VITALS.close();
        ANALYTICS.close();
        DASHBOARD.close();
    }

    @Test
    void healthIs503NamingTheRefusingServiceAndShowsTheOthersWithTheirDependencies() {
        client.get().uri("/health").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody()
                .jsonPath("$.detail.service").isEqualTo("gateway")
                .jsonPath("$.detail.status").isEqualTo("unhealthy")
                .jsonPath("$.detail.services['user-service'].status").isEqualTo("healthy")
                .jsonPath("$.detail.services['user-service'].response_time_ms").isNumber()
                .jsonPath("$.detail.services['user-service'].dependencies.redis.status").isEqualTo("healthy")
                .jsonPath("$.detail.services['alerts-service'].status").isEqualTo("unhealthy")
                .jsonPath("$.detail.services['alerts-service'].response_time_ms").isEmpty()
                .jsonPath("$.detail.services['alerts-service'].error").value(String.class,
                        error -> assertThat(error).containsIgnoringCase("refused"))
                .jsonPath("$.detail.services.dashboard").doesNotExist();
    }

    @Test
    void healthCarriesAServicesOwnUnhealthyDependency() {
        VITALS.setHealthy(false);
        client.get().uri("/health").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody()
                .jsonPath("$.detail.services['patient-data-service'].status").isEqualTo("unhealthy")
                .jsonPath("$.detail.services['patient-data-service'].dependencies.redis.status")
                .isEqualTo("unhealthy")
                .jsonPath("$.detail.services['patient-data-service'].dependencies.redis.error")
                .isEqualTo("Connection refused");
    }

    @Test
    void routesHhmsPathsUnchangedAndForwardsTheRequestId() {
        client.get().uri("/users/email/a@b.org").header("X-Request-ID", "abc-42").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Request-ID", "abc-42")
                .expectBody()
                .jsonPath("$.service").isEqualTo("user-service")
                .jsonPath("$.path").isEqualTo("/users/email/a@b.org")
                .jsonPath("$.request_id").isEqualTo("abc-42");
        client.post().uri("/patient/batch/123").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.service").isEqualTo("patient-data-service");
        client.get().uri("/analytics/anomalies/1").exchange()
                .expectBody().jsonPath("$.service").isEqualTo("analytics-service");
    }

    @Test
    void fhirPathsReachTheServiceThatOwnsTheResourceAndMetadataNeedsNoToken() {
        client.get().uri("/fhir/Observation?patient=1").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.service").isEqualTo("patient-data-service")
                .jsonPath("$.path").isEqualTo("/fhir/Observation");
        client.get().uri("/fhir/Observation/$lastn?patient=1").exchange()
                .expectBody().jsonPath("$.service").isEqualTo("patient-data-service");
        client.post().uri("/fhir").exchange()
                .expectBody().jsonPath("$.service").isEqualTo("patient-data-service");
        client.get().uri("/fhir/Patient/1").exchange()
                .expectBody().jsonPath("$.service").isEqualTo("user-service");
        // The alerts-service refuses connections in this test: the route goes there.
        client.get().uri("/fhir/DetectedIssue?patient=1").exchange().expectStatus().isEqualTo(503);
        WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build()
                .get().uri("/fhir/metadata").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.service").isEqualTo("patient-data-service")
                .jsonPath("$.authorization").isEqualTo("null");
    }

    @Test
    void theDashboardsPagesNeedNoBearerTokenAndTheApiStillDoes() {
        WebTestClient anonymous = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
        for (String page : new String[] {"/", "/sign-in", "/patients/1", "/inbox", "/admin", "/assets/app.js"}) {
            anonymous.get().uri(page).exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.service").isEqualTo("dashboard").jsonPath("$.path").isEqualTo(page);
        }
        anonymous.post().uri("/sign-in").exchange().expectBody().jsonPath("$.service").isEqualTo("dashboard");
        anonymous.get().uri("/patient/1/latest").exchange().expectStatus().isUnauthorized();
        anonymous.get().uri("/users/1").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void makesARequestIdWhenTheClientSendsNone() {
        client.get().uri("/users/1").exchange()
                .expectStatus().isOk()
                .expectHeader().value("X-Request-ID", id -> assertThat(id).matches("[0-9a-f-]{36}"))
                .expectBody().jsonPath("$.request_id").value(String.class,
                        id -> assertThat(id).matches("[0-9a-f-]{36}"));
    }

    @Test
    void prefixedHealthReachesTheServicesOwnHealth() {
        client.get().uri("/users/health").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.service").isEqualTo("user-service")
                .jsonPath("$.status").isEqualTo("healthy");
    }

    @Test
    void aRefusedServiceIs503ProblemDetailsNotABare500() {
        client.get().uri("/alerts/some-patient").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType("application/problem+json")
                .expectHeader().valueEquals("Retry-After", "5")
                .expectBody()
                .jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.detail").value(String.class, detail -> assertThat(detail).contains("alerts-service"))
                .jsonPath("$.request_id").exists();
    }

    @Test
    void aServiceDyingMidRequestIs502SayingTheOutcomeIsUnknown() {
        client.post().uri("/analytics/crash").exchange()
                .expectStatus().isEqualTo(502)
                .expectHeader().contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.status").isEqualTo(502)
                .jsonPath("$.outcome").isEqualTo("unknown")
                .jsonPath("$.detail").value(String.class, detail -> assertThat(detail)
                        .contains("analytics-service").contains("unknown").contains("reading_id"));
    }

    @Test
    void aRefusedServiceSaysNothingWasDone() {
        client.post().uri("/alerts/send/some-patient").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.outcome").isEqualTo("not_applied");
    }

    @Test
    void anUnknownPathIs404ProblemDetails() {
        client.get().uri("/nowhere").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.detail").isEqualTo("No route for /nowhere");
    }
}
