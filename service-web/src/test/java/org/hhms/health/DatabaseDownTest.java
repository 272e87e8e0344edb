package org.hhms.health;

import org.hhms.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The DataSource points at a port where nothing listens. (JPA is on this module's test class path: told the dialect,
 * Hibernate starts without asking the database.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.application.name=test-service",
        "spring.datasource.url=jdbc:postgresql://127.0.0.1:1/nothing",
        "spring.datasource.hikari.connection-timeout=250",
        "spring.jpa.properties.hibernate.dialect=org.hibernate.dialect.PostgreSQLDialect",
        "spring.jpa.properties.hibernate.boot.allow_jdbc_metadata_access=false" })
class DatabaseDownTest extends HealthEndpointSupport {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.url", TestDatabases::redisUrl);
    }

    @Test
    void answers503WithTheDatabaseNamedUnderDetail() {
        client.get().uri("/health").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody()
                .jsonPath("$.detail.service").isEqualTo("test-service")
                .jsonPath("$.detail.status").isEqualTo("unhealthy")
                .jsonPath("$.detail.dependencies.postgres.status").isEqualTo("unhealthy")
                .jsonPath("$.detail.dependencies.postgres.response_time_ms").isEmpty()
                .jsonPath("$.detail.dependencies.postgres.error").value(String.class,
                        error -> org.assertj.core.api.Assertions.assertThat(error).isNotBlank())
                .jsonPath("$.detail.dependencies.redis.status").isEqualTo("healthy");
    }
}
