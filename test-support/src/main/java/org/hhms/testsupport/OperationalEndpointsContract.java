package org.hhms.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The operational endpoints every HHMS service must expose: HHMS health naming its database and Redis, Actuator
 * health, info and Prometheus, OpenAPI docs under its prefix, and problem details for unknown paths. A service's
 * test extends it on a running application.
 */
public abstract class OperationalEndpointsContract extends HttpTestSupport {

    /** The service's name, e.g. {@code user-service}. */
    protected abstract String serviceName();

    /** The service's path prefix, e.g. {@code users}. */
    protected abstract String pathPrefix();

    @Test
    void healthNamesTheServiceAndItsDatabaseAndRedis() {
        client.get().uri("/health").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.service").isEqualTo(serviceName())
                .jsonPath("$.status").isEqualTo("healthy")
                .jsonPath("$.dependencies.postgres.status").isEqualTo("healthy")
                .jsonPath("$.dependencies.redis.status").isEqualTo("healthy");
    }

    @Test
    void exposesActuatorHealthInfoAndPrometheus() {
        client.get().uri("/actuator/health").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        client.get().uri("/actuator/info").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.service").isEqualTo(serviceName());
        client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("jvm_memory_used_bytes"));
    }

    @Test
    void servesOpenApiDocsUnderItsPrefix() {
        client.get().uri("/" + pathPrefix() + "/api-docs").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.openapi").exists();
    }

    @Test
    void theErrorPageItselfIsProblemDetails() {
        client.get().uri("/error").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.status").isEqualTo(404).jsonPath("$.detail").isEqualTo("No route for /error");
    }

    @Test
    void answersUnknownPathsWithProblemDetails() {
        client.get().uri("/" + pathPrefix() + "/no-such-thing/at/all").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.status").isEqualTo(404);
    }
}
