package org.hhms.vitals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.hhms.contracts.events.Streams;
import org.hhms.testsupport.FakeUserService;
import org.hhms.testsupport.TestDatabases;
import org.hhms.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.EntityExchangeResult;

import tools.jackson.databind.JsonNode;

/**
 * The bound on lateness (docs/operations.md, "Analysis lag"): once analytics has left a reading unread for longer
 * than the bound (2 s here), new readings are refused 503 with Retry-After and nothing of them is stored, and
 * {@code /health} says analysis is degraded, with the lag; once it has read everything, readings are taken again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "hhms.vitals.max-analysis-lag=2s")
class AnalysisLagTest extends VitalsApiSupport {

    static final FakeUserService USERS = new FakeUserService();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "hhms_test_analysis_lag");
        registry.add("hhms.security.user-service-url", USERS::url);
    }

    @AfterAll
    static void stop() {
        USERS.close();
    }

    @Test
    void readingsAreRefusedWhileAnalysisIsFurtherBehindThanTheBoundAndTakenOnceItCaughtUp() {
        UUID patient = USERS.addPatient();
        String device = TestTokens.bearer(TestTokens.device(UUID.randomUUID(), patient, "watch-1"));
        String stream = keys.key(Streams.VITALS);
        assertThat(post(patient, device, "lag-0").getStatus().value()).isEqualTo(201);
        JsonNode unknown = analysis();
        assertThat(unknown.get("status").asString()).as("no analytics group yet: not measured").isEqualTo("degraded");
        assertThat(unknown.get("error").asString()).contains("no consumer group 'analytics'");
        assertThat(unknown.get("lag_seconds").isNull()).isTrue();
        // An analytics group that reads nothing: from now on every reading waits.
        redis.opsForStream().createGroup(stream, ReadOffset.latest(), "analytics");
        assertThat(post(patient, device, "lag-1").getStatus().value()).isEqualTo(201);
        assertThat(await(Duration.ofSeconds(10), () -> analysis().path("lag_readings").asLong() >= 1)).isTrue();
        assertThat(analysis().get("status").asString()).as("within the bound").isEqualTo("healthy");

        assertThat(await(Duration.ofSeconds(10), () -> analysis().get("status").asString().equals("degraded")))
                .as("the reading waited past 2 s").isTrue();
        JsonNode health = get("/health", 200);
        assertThat(health.get("status").asString()).as("reads are still served").isEqualTo("healthy");
        JsonNode analysis = health.get("dependencies").get("analysis");
        assertThat(analysis.get("lag_seconds").asDouble()).isGreaterThan(2.0);
        assertThat(analysis.get("max_lag_seconds").asLong()).isEqualTo(2);
        assertThat(analysis.get("error").asString()).contains("behind").contains("refused");

        EntityExchangeResult<String> refused = post(patient, device, "lag-2");
        assertThat(refused.getStatus().value()).isEqualTo(503);
        assertThat(refused.getResponseHeaders().getFirst("Retry-After")).isEqualTo("5");
        assertThat(refused.getResponseHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(refused.getResponseBody()).contains("Analysis is").contains("INGEST_MAX_ANALYSIS_LAG");
        assertThat(rows(patient)).as("nothing of the refused reading is stored").isEqualTo(2);

        // Analytics reads what waited: the lag is gone and readings are taken again.
        redis.opsForStream().read(Consumer.from("analytics", "test"), StreamReadOptions.empty().count(1000),
                StreamOffset.create(stream, ReadOffset.lastConsumed()));
        assertThat(analysis().get("status").asString()).isEqualTo("healthy");
        assertThat(post(patient, device, "lag-2").getStatus().value()).isEqualTo(201);
        assertThat(rows(patient)).isEqualTo(3);
    }

    /** The analysis entry of {@code /health}, measured as the health check asks. */
    private JsonNode analysis() {
        return get("/health", 200).get("dependencies").get("analysis");
    }

    private EntityExchangeResult<String> post(UUID patient, String token, String readingId) {
        return client.post().uri("/patient/" + patient).header("Authorization", token)
                .contentType(MediaType.APPLICATION_JSON)
                .body(reading("2026-11-23T10:00:00Z", "heart_rate", 70, "reading_id", readingId)).exchange()
                .expectBody(String.class).returnResult();
    }
}
