package org.hhms.vitals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.hhms.contracts.events.EventType;
import org.hhms.contracts.events.UserChanged;
import org.hhms.testsupport.StreamEvents;
import org.hhms.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The local view of patients is fed by hhms:users: with the user-service unreachable, a patient announced on the
 * stream can send readings, and a deactivated one cannot.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PatientViewTest extends VitalsApiSupport {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "hhms_test_patientview");
        registry.add("hhms.security.user-service-url", () -> "http://127.0.0.1:1");
    }

    @Test
    void aRegistrationOnTheStreamLetsReadingsInAndADeactivationStopsThem() {
        UUID patient = UUID.randomUUID();
        // Unknown and the user-service unreachable: nobody can tell, so nothing is stored and the client may retry.
        client.post().uri("/patient/" + patient).contentType(MediaType.APPLICATION_JSON)
                .body(reading(null, "heart_rate", 70)).exchange()
                .expectStatus().isEqualTo(503).expectHeader().valueEquals("Retry-After", "5");

        publish(EventType.USER_REGISTERED, patient, "patient", true, Instant.parse("2026-11-23T10:00:00Z"));
        assertThat(awaitStatus(patient, 201)).isEqualTo(201);

        publish(EventType.USER_DEACTIVATED, patient, "patient", false, Instant.parse("2026-11-23T11:00:00Z"));
        assertThat(awaitStatus(patient, 404)).isEqualTo(404);

        // A late copy of the older registration does not bring the patient back.
        publish(EventType.USER_REGISTERED, patient, "patient", true, Instant.parse("2026-11-23T10:00:00Z"));
        sleep(500);
        post("/patient/" + patient, reading(null, "heart_rate", 70), 404);
    }

    @Test
    void aDoctorOnTheStreamIsNotAPatient() {
        UUID doctor = UUID.randomUUID();
        publish(EventType.USER_REGISTERED, doctor, "doctor", true, Instant.parse("2026-11-23T10:00:00Z"));
        sleep(500);
        assertThat(awaitStatus(doctor, 404)).isEqualTo(404);
    }

    private void publish(EventType type, UUID id, String role, boolean active, Instant updatedAt) {
        new StreamEvents(redis, keys).publish(type, new UserChanged(id, null, null, role, null, null, active, null,
                null, updatedAt), updatedAt, null);
    }

    /** Posts a fresh reading until the answer is the expected status (the listener is asynchronous), up to 5 s. */
    private int awaitStatus(UUID patient, int expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        int status;
        do {
            status = client.post().uri("/patient/" + patient).contentType(MediaType.APPLICATION_JSON)
                    .body(reading(null, "heart_rate", 70)).exchange()
                    .returnResult(String.class).getStatus().value();
            if (status != expected) {
                sleep(100);
            }
        } while (status != expected && System.nanoTime() < deadline);
        return status;
    }
}
