package org.hhms.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.web.servlet.client.RestTestClient;

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

    /** The name its health document gives its database, as in the seed's: e.g. {@code postgres-user}. */
    protected abstract String databaseDependency();

    /** Dependencies its health shows besides its database and Redis (the patient-data-service's {@code analysis}). */
    protected List<String> otherDependencies() {
        return List.of();
    }

    /** Metrics of its own it must publish besides the pipeline's (the patient-data-service's analysis lag). */
    protected List<String> otherMetrics() {
        return List.of();
    }

    /** Whether the service publishes events (it then has an outbox and its metrics). */
    protected abstract boolean publishesEvents();

    /** Whether the service consumes streams (it then has consumer groups and their metrics). */
    protected abstract boolean consumesEvents();

    /** The pipeline metrics it must publish (outbox, stream consumers, audit; docs/operations.md, "Metrics"). */
    private List<String> pipelineMetrics() {
        List<String> metrics = new ArrayList<>();
        if (publishesEvents()) {
            metrics.addAll(List.of("hhms_outbox_waiting", "hhms_outbox_unconfirmed", "hhms_outbox_replayed_total",
                    "hhms_outbox_expired_total"));
        }
        if (consumesEvents()) {
            metrics.addAll(List.of("hhms_stream_lag", "hhms_stream_pending", "hhms_stream_dead_letters"));
        }
        metrics.add("hhms_audit_waiting");
        metrics.addAll(otherMetrics());
        return metrics;
    }

    @Test
    void publishesThePipelineMetricsAnOperatorAlertsOn() {
        RestTestClient management = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort)
                .build();
        String metrics = management.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        for (String metric : pipelineMetrics()) {
            assertThat(metrics).as(metric).containsPattern("(?m)^" + metric + "[ {]");
        }
    }

    @Test
    void healthNamesTheServiceAndItsDatabaseAndRedis() {
        var body = client.get().uri("/health").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.service").isEqualTo(serviceName())
                .jsonPath("$.status").isEqualTo("healthy")
                .jsonPath("$.dependencies['" + databaseDependency() + "'].status").isEqualTo("healthy")
                .jsonPath("$.dependencies.length()").isEqualTo(2 + otherDependencies().size())
                .jsonPath("$.dependencies.redis.status").isEqualTo("healthy");
        for (String other : otherDependencies()) {
            body.jsonPath("$.dependencies['" + other + "'].status").exists();
        }
    }

    @LocalManagementPort
    protected int managementPort;

    @Test
    void exposesActuatorHealthInfoAndPrometheusOnTheManagementPortOnly() {
        RestTestClient management = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort)
                .build();
        management.get().uri("/actuator/health").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        management.get().uri("/actuator/info").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.service").isEqualTo(serviceName());
        management.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("jvm_memory_used_bytes"));
        assertThat(managementPort).isNotEqualTo(port);
        client.get().uri("/actuator/prometheus").exchange().expectStatus().isNotFound();
    }

    @Test
    void servesOpenApiDocsUnderItsPrefix() {
        client.get().uri("/" + pathPrefix() + "/api-docs").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.openapi").exists();
        client.get().uri("/" + pathPrefix() + "/swagger-ui/index.html").exchange().expectStatus().isOk()
                .expectBody(String.class).value(page -> assertThat(page).contains("swagger-ui"));
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
