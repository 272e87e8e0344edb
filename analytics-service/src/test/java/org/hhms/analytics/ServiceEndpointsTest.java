package org.hhms.analytics;

import org.hhms.testsupport.TestDatabases;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/** The operational endpoints every service must expose: HHMS health, Actuator and OpenAPI docs. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ServiceEndpointsTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "hhms_test_analytics");
    }

    @LocalServerPort
    int port;

    RestTestClient client;

    @BeforeEach
    void bindClient() {
        client = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
    }

    @Test
    void healthNamesTheServiceAndItsDatabaseAndRedis() {
        client.get().uri("/health").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.service").isEqualTo("analytics-service")
                .jsonPath("$.status").isEqualTo("healthy")
                .jsonPath("$.dependencies.postgres.status").isEqualTo("healthy")
                .jsonPath("$.dependencies.redis.status").isEqualTo("healthy");
    }

    @Test
    void exposesActuatorHealthInfoAndPrometheus() {
        client.get().uri("/actuator/health").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        client.get().uri("/actuator/info").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.service").isEqualTo("analytics-service");
        client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> org.assertj.core.api.Assertions.assertThat(body)
                        .contains("jvm_memory_used_bytes"));
    }

    @Test
    void servesOpenApiDocsUnderItsPrefix() {
        client.get().uri("/analytics/api-docs").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.openapi").exists();
    }

    @Test
    void answersUnknownPathsWithProblemDetails() {
        client.get().uri("/analytics/no-such-thing/at/all").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.status").isEqualTo(404);
    }
}
