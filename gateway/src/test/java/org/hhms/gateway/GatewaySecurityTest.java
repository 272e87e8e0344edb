package org.hhms.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.hhms.testsupport.TestDatabases;
import org.hhms.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Authentication and rate limits at the gateway, against fake services and the real Redis: what passes, what is
 * answered 401 and 429, and that the verified token travels on unchanged.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "INGEST_REQUEST_RATE=1", "INGEST_REQUEST_BURST=180",
                "hhms.gateway.ingest-request-tokens=60", "hhms.security.revocation-refresh=200ms" })
class GatewaySecurityTest {

    static final FakeService USERS = FakeService.start("user-service");
    static final FakeService VITALS = FakeService.start("patient-data-service");
    static final String PREFIX = "test:" + UUID.randomUUID() + ":";

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("USER_SERVICE_URL", USERS::url);
        registry.add("PATIENT_DATA_SERVICE_URL", VITALS::url);
        registry.add("hhms.security.key-prefix", () -> PREFIX);
        TestDatabases.publishRevocationList(PREFIX); // as the user-service does
    }

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    WebTestClient client;

    @BeforeEach
    void setUp() {
        client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
    }

    @AfterAll
    static void stop() {
        USERS.close();
        VITALS.close();
    }

    @Test
    void aRequestWithoutTokenIs401ProblemDetailsAndNeverReachesTheService() {
        client.get().uri("/patient/" + UUID.randomUUID() + "/latest").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists("X-Request-ID")
                .expectBody()
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.detail").value(String.class, d -> assertThat(d).contains("Authorization: Bearer"))
                .jsonPath("$.request_id").isNotEmpty();
    }

    @Test
    void expiredForgedOtherIssuersAndUnsignedTokensAre401() {
        String expired = TestTokens.token(UUID.randomUUID().toString(), "doctor", Duration.ofMinutes(-5), Map.of(),
                TestTokens.SECRET);
        String forged = TestTokens.token(UUID.randomUUID().toString(), "admin", Duration.ofMinutes(5), Map.of(),
                "another-secret-of-at-least-32-bytes-abcdefghij");
        String otherIssuer = TestTokens.token(UUID.randomUUID().toString(), "admin", Duration.ofMinutes(5),
                Map.of("iss", "elsewhere"), TestTokens.SECRET);
        String[] parts = TestTokens.admin().split("\\.");
        String unsigned = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes()) + "." + parts[1] + ".";
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
        for (String token : new String[] { expired, forged, otherIssuer, unsigned, tampered,
                "not-a-jwt" }) {
            client.get().uri("/users/" + UUID.randomUUID()).header("Authorization", TestTokens.bearer(token))
                    .exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().valueEquals("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                    .expectBody().jsonPath("$.detail").value(String.class,
                            d -> assertThat(d).startsWith("The bearer token was refused"));
        }
        client.get().uri("/users/x").header("Authorization", TestTokens.bearer(expired)).exchange()
                .expectBody().jsonPath("$.detail").value(String.class, d -> assertThat(d).contains("expired"));
    }

    @Test
    void aValidTokenIsPassedOnUnchangedAndHealthAndLoginNeedNone() {
        String token = TestTokens.person(UUID.randomUUID(), "doctor");
        client.get().uri("/users/me").header("Authorization", TestTokens.bearer(token)).exchange()
                .expectStatus().isOk()
                .expectHeader().exists("X-Content-Type-Options")
                .expectBody().jsonPath("$.authorization").isEqualTo("Bearer " + token);
        client.get().uri("/users/health").exchange().expectStatus().isOk();
        // The API docs, as the README points to them: the page, its script and the document it reads.
        client.get().uri("/users/docs").exchange().expectStatus().isOk();
        client.get().uri("/users/swagger-ui/index.html").exchange().expectStatus().isOk();
        client.get().uri("/users/api-docs/swagger-config").exchange().expectStatus().isOk();
        client.get().uri("/users/actuator/prometheus").exchange().expectStatus().isUnauthorized();
        client.post().uri("/users/token/refresh").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.path").isEqualTo("/users/token/refresh");
    }

    @Test
    void aRevokedDeviceTokenIsRefusedWithinTheRefreshInterval() throws InterruptedException {
        UUID deviceKey = UUID.randomUUID();
        String token = TestTokens.device(deviceKey, UUID.randomUUID(), "watch-1");
        String path = "/patient/" + UUID.randomUUID() + "/latest";
        client.get().uri(path).header("Authorization", TestTokens.bearer(token)).exchange().expectStatus().isOk();
        redis.opsForSet().add(PREFIX + "hhms:auth:revoked-devices", deviceKey.toString());
        try {
            Thread.sleep(600);
            client.get().uri(path).header("Authorization", TestTokens.bearer(token)).exchange()
                    .expectStatus().isUnauthorized()
                    .expectBody().jsonPath("$.detail").value(String.class, d -> assertThat(d).contains("revoked"));
        } finally {
            redis.opsForSet().remove(PREFIX + "hhms:auth:revoked-devices", deviceKey.toString());
        }
    }

    @Test
    void aRevocationListRedisLostRefusesEveryDeviceTokenUntilItIsPublishedAgain() throws InterruptedException {
        UUID revokedKey = UUID.randomUUID();
        String revoked = TestTokens.bearer(TestTokens.device(revokedKey, UUID.randomUUID(), "watch-1"));
        String valid = TestTokens.bearer(TestTokens.device(UUID.randomUUID(), UUID.randomUUID(), "watch-2"));
        String person = TestTokens.bearer(TestTokens.person(UUID.randomUUID(), "doctor"));
        String key = PREFIX + "hhms:auth:revoked-devices";
        String path = "/patient/" + UUID.randomUUID() + "/latest";
        redis.opsForSet().add(key, revokedKey.toString());
        try {
            Thread.sleep(600);
            client.get().uri(path).header("Authorization", revoked).exchange().expectStatus().isUnauthorized();
            redis.delete(key); // Redis restarted without its data
            Thread.sleep(600);
            client.get().uri(path).header("Authorization", revoked).exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().valueEquals("Retry-After", "2")
                    .expectBody().jsonPath("$.detail").value(String.class, d -> assertThat(d).contains("revoked"));
            client.get().uri(path).header("Authorization", valid).exchange().expectStatus().isEqualTo(503);
            client.get().uri(path).header("Authorization", person).exchange().expectStatus().isOk();
            redis.opsForSet().add(key, "published", revokedKey.toString()); // the user-service publishes again
            Thread.sleep(600);
            client.get().uri(path).header("Authorization", revoked).exchange().expectStatus().isUnauthorized();
            client.get().uri(path).header("Authorization", valid).exchange().expectStatus().isOk();
        } finally {
            redis.delete(key);
            TestDatabases.publishRevocationList(PREFIX);
        }
    }

    @Test
    void ingestIsLimitedPerDeviceWith429AndRetryAfter() {
        UUID patient = UUID.randomUUID();
        // Three requests at once, then one a minute (a request costs 60 tokens, refilled at 1/s): a slow machine
        // cannot refill a request while the test runs.
        String device = TestTokens.bearer(TestTokens.device(UUID.randomUUID(), patient, "watch-1"));
        for (int i = 0; i < 3; i++) {
            client.post().uri("/patient/" + patient).header("Authorization", device).exchange()
                    .expectStatus().isOk();
        }
        client.post().uri("/patient/" + patient).header("Authorization", device).exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().valueEquals("Retry-After", "60")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(429)
                .jsonPath("$.detail").value(String.class, d -> assertThat(d).contains("retry in 60 s"));
        String otherDevice = TestTokens.bearer(TestTokens.device(UUID.randomUUID(), patient, "cuff-1"));
        client.post().uri("/patient/batch/" + patient).header("Authorization", otherDevice).exchange()
                .expectStatus().isOk();
        client.get().uri("/patient/" + patient + "/latest").header("Authorization", device).exchange()
                .expectStatus().isOk(); // reads are not counted against the ingest limit
    }

    @Test
    void bruteForceLoginFromOneAddressHits429AfterTenAttempts() {
        String bucket = "request_rate_limiter.{login." + PREFIX + "address:127.0.0.1}";
        redis.delete(java.util.List.of(bucket + ".tokens", bucket + ".timestamp")); // other tests' attempts
        for (int i = 0; i < 10; i++) {
            client.post().uri("/users/login").exchange().expectStatus().isOk();
        }
        client.post().uri("/users/login").exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().valueEquals("Retry-After", "6")
                .expectBody().jsonPath("$.detail").value(String.class,
                        d -> assertThat(d).contains("client address"));
    }
}
