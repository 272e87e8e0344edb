package org.hhms.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.hhms.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Redis points at a port where nothing listens. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.application.name=test-service")
class RedisDownTest extends HealthEndpointSupport {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "hhms_test_health");
        registry.add("spring.data.redis.url", () -> "redis://127.0.0.1:1");
    }

    @Test
    void answers503WithRedisNamedUnderDetail() {
        client.get().uri("/health").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody()
                .jsonPath("$.detail.status").isEqualTo("unhealthy")
                .jsonPath("$.detail.dependencies.redis.status").isEqualTo("unhealthy")
                .jsonPath("$.detail.dependencies.redis.response_time_ms").isEmpty()
                .jsonPath("$.detail.dependencies.redis.error").value(String.class,
                        error -> assertThat(error).isNotBlank())
                .jsonPath("$.detail.dependencies.postgres.status").isEqualTo("healthy");
    }
}
