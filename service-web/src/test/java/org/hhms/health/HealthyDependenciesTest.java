package org.hhms.health;

import org.hhms.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.application.name=test-service")
class HealthyDependenciesTest extends HealthEndpointSupport {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "hhms_test_health");
    }

    @Test
    void answers200WithEveryDependencyHealthyAndTimed() {
        client.get().uri("/health").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.service").isEqualTo("test-service")
                .jsonPath("$.status").isEqualTo("healthy")
                .jsonPath("$.dependencies.postgres.status").isEqualTo("healthy")
                .jsonPath("$.dependencies.postgres.response_time_ms").isNumber()
                .jsonPath("$.dependencies.postgres.error").isEmpty()
                .jsonPath("$.dependencies.redis.status").isEqualTo("healthy")
                .jsonPath("$.dependencies.redis.response_time_ms").isNumber();
    }

    @Test
    void echoesTheCallersRequestId() {
        client.get().uri("/health").header("X-Request-ID", "req-123").exchange()
                .expectHeader().valueEquals("X-Request-ID", "req-123");
    }
}
