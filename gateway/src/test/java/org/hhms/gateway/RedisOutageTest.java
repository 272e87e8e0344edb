package org.hhms.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.hhms.testsupport.TcpProxy;
import org.hhms.testsupport.TestDatabases;
import org.hhms.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * With Redis cut off, the rate-limited routes (ingest, login) pass requests through at once — the limiter fails
 * open, fast — instead of making each wait for a Redis timeout; device tokens keep being checked against the last
 * revocation list read.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "hhms.security.revocation-refresh=200ms")
class RedisOutageTest {

    static final FakeService USERS = FakeService.start("user-service");
    static final FakeService VITALS = FakeService.start("patient-data-service");
    static final TcpProxy REDIS = new TcpProxy(TestDatabases.redisHost(), TestDatabases.redisPort());
    static final String PREFIX = "test:" + UUID.randomUUID() + ":";

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("USER_SERVICE_URL", USERS::url);
        registry.add("PATIENT_DATA_SERVICE_URL", VITALS::url);
        registry.add("spring.data.redis.url", () -> "redis://127.0.0.1:" + REDIS.port());
        registry.add("hhms.security.key-prefix", () -> PREFIX);
        TestDatabases.publishRevocationList(PREFIX);
    }

    @LocalServerPort
    int port;

    @AfterAll
    static void stop() {
        USERS.close();
        VITALS.close();
        REDIS.close();
    }

    @Test
    void aRedisOutageDoesNotSlowTheRateLimitedRoutes() throws InterruptedException {
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(10)).build();
        UUID patient = UUID.randomUUID();
        String device = TestTokens.bearer(TestTokens.device(UUID.randomUUID(), patient, "watch-1"));
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (client.post().uri("/patient/" + patient).header("Authorization", device).exchange()
                .returnResult(String.class).getStatus().value() != 200 && System.nanoTime() < until) {
            Thread.sleep(100); // until the revocation list has been read
        }
        client.post().uri("/patient/" + patient).header("Authorization", device).exchange().expectStatus().isOk();

        REDIS.cut();
        try {
            long start = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                client.post().uri("/patient/" + patient).header("Authorization", device).exchange()
                        .expectStatus().isOk();
                client.post().uri("/users/login").exchange().expectStatus().isOk();
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            // A Redis timeout per request would be 40 × 250 ms at least; failing fast costs one wait per 5 s.
            assertThat(took).as("40 rate-limited requests with Redis away").isLessThan(Duration.ofSeconds(4));
        } finally {
            REDIS.restore();
        }
    }
}
