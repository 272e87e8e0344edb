package org.hhms.vitals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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

/**
 * A revoked device stays revoked when Redis loses the revocation list (a restart without persistence): until the
 * user-service has published the list again, every device token is refused with a 503 the device retries; people's
 * tokens are unaffected.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "hhms.security.revocation-refresh=200ms")
class DeviceRevocationTest extends VitalsApiSupport {

    static final FakeUserService USERS = new FakeUserService();
    static String keyPrefix;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        keyPrefix = TestDatabases.register(registry, "hhms_test_revocation");
        registry.add("hhms.security.user-service-url", USERS::url);
    }

    @AfterAll
    static void stop() {
        USERS.close();
    }

    @Test
    void revocationHoldsWhileRedisHasLostTheListAndDevicesAreRefusedUntilItIsBack() {
        UUID patient = USERS.addPatient();
        UUID revokedKey = UUID.randomUUID();
        String revoked = TestTokens.device(revokedKey, patient, "watch-1");
        String valid = TestTokens.device(UUID.randomUUID(), patient, "watch-2");
        String key = keyPrefix + "hhms:auth:revoked-devices";
        assertThat(post(patient, revoked, "r-1")).isEqualTo(201);

        redis.opsForSet().add(key, revokedKey.toString());
        assertThat(await(Duration.ofSeconds(3), () -> post(patient, revoked, "r-2") == 401)).isTrue();

        redis.delete(key); // Redis restarted without its data: the list is unknown, not empty
        assertThat(await(Duration.ofSeconds(3), () -> post(patient, revoked, "r-3") == 503))
                .as("the revoked device is not let in again").isTrue();
        assertThat(post(patient, valid, "r-4")).as("no device token passes while the list is unknown").isEqualTo(503);
        post("/patient/" + patient, reading("2026-11-23T10:00:00Z", "heart_rate", 70), 201); // people: as before

        redis.opsForSet().add(key, "published", revokedKey.toString()); // the user-service publishes it again
        assertThat(await(Duration.ofSeconds(3), () -> post(patient, valid, "r-5") == 201)).isTrue();
        assertThat(post(patient, revoked, "r-6")).isEqualTo(401);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM readings WHERE reading_id IN ('r-3', 'r-4', 'r-6')",
                Long.class)).as("nothing stored from the refused posts").isZero();
    }

    private int post(UUID patient, String token, String readingId) {
        return client.post().uri("/patient/" + patient).header("Authorization", TestTokens.bearer(token))
                .contentType(MediaType.APPLICATION_JSON)
                .body(reading("2026-11-23T09:00:00Z", "heart_rate", 71, "reading_id", readingId)).exchange()
                .returnResult(String.class).getStatus().value();
    }
}
