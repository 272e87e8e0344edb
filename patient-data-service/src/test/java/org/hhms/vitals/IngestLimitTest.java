package org.hhms.vitals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hhms.testsupport.FakeUserService;
import org.hhms.testsupport.TestDatabases;
import org.hhms.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.EntityExchangeResult;

/**
 * The ingest limit counts readings, not requests (docs/security.md, "Rate limits"): with a burst of 50 readings a
 * device gets one batch of 40 and a single reading in, then a batch of 20 is refused 429 with Retry-After, storing
 * nothing of it; another device has its own bucket.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "hhms.vitals.ingest-rate=1", "hhms.vitals.ingest-burst=50" })
class IngestLimitTest extends VitalsApiSupport {

    static final FakeUserService USERS = new FakeUserService();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "hhms_test_ingest_limit");
        registry.add("hhms.security.user-service-url", USERS::url);
    }

    @AfterAll
    static void stop() {
        USERS.close();
    }

    @Test
    void aDeviceIsLimitedInReadingsWhateverTheBatchSize() {
        UUID patient = USERS.addPatient();
        String device = TestTokens.bearer(TestTokens.device(UUID.randomUUID(), patient, "watch-1"));
        String other = TestTokens.bearer(TestTokens.device(UUID.randomUUID(), patient, "watch-2"));
        assertThat(batch(patient, device, "a", 40).getStatus().value()).isEqualTo(201);
        assertThat(batch(patient, device, "b", 1).getStatus().value()).isEqualTo(201);
        EntityExchangeResult<String> refused = batch(patient, device, "c", 20);
        assertThat(refused.getStatus().value()).isEqualTo(429);
        assertThat(refused.getResponseHeaders().getFirst("Retry-After")).isNotBlank();
        assertThat(refused.getResponseHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(refused.getResponseBody()).contains("readings per second");
        assertThat(batch(patient, other, "d", 20).getStatus().value()).as("its own bucket").isEqualTo(201);
        assertThat(rows(patient)).isEqualTo(61);
        EntityExchangeResult<String> tooBig = batch(patient, other, "e", 51);
        assertThat(tooBig.getStatus().value()).isEqualTo(429);
        assertThat(tooBig.getResponseBody()).contains("at most 50 readings");
    }

    private EntityExchangeResult<String> batch(UUID patient, String token, String prefix, int size) {
        List<Map<String, Object>> readings = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            readings.add(reading("2026-11-23T10:00:00Z", "heart_rate", 60 + i % 30, "reading_id", prefix + "-" + i));
        }
        return client.post().uri("/patient/batch/" + patient).header("Authorization", token)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("readings", readings)).exchange()
                .expectBody(String.class).returnResult();
    }
}
