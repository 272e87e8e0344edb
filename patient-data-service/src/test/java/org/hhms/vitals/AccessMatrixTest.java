package org.hhms.vitals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.hhms.testsupport.AccessMatrix;
import org.hhms.testsupport.AccessMatrix.Route;
import org.hhms.testsupport.FakeUserService;
import org.hhms.testsupport.TestDatabases;
import org.hhms.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * Every route of the patient-data-service as each caller (docs/security.md, "Role matrix"). Columns: anonymous,
 * the patient's device, another patient's device, an unrelated doctor, the patient's doctor, their caretaker, the
 * patient, another patient, an admin.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccessMatrixTest extends VitalsApiSupport {

    static final FakeUserService USERS = new FakeUserService();
    static final AccessMatrix CAST = AccessMatrix.in(USERS);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "hhms_test_vitals_access");
        registry.add("hhms.security.user-service-url", USERS::url);
    }

    @AfterAll
    static void stop() {
        USERS.close();
    }

    @Test
    void everyRouteAnswersEachCallerAsTheMatrixSays() {
        String p = "/patient/" + CAST.patient;
        String range = "start_time=2026-11-01T00:00:00Z&end_time=2026-11-02T00:00:00Z";
        CAST.check(port, List.of(
                Route.of("POST", p, "{\"heart_rate\":70}", "401 201 403 403 201 201 201 403 201"),
                Route.of("POST", p, "{\"heart_rate\":70,\"device_id\":\"someone-else\"}",
                        "401 403 403 403 201 201 201 403 201"),
                Route.of("POST", "/patient/batch/" + CAST.patient, "{\"readings\":[{\"heart_rate\":71}]}",
                        "401 201 403 403 201 201 201 403 201"),
                Route.of("GET", p + "/latest", null, "401 403 403 403 200 200 200 403 200"),
                Route.of("GET", p + "/history?metric_type=heart_rate&" + range, null, "401 403 403 403 200 403 200 403 200"),
                Route.of("GET", p + "/history/telemetry?" + range, null, "401 403 403 403 200 403 200 403 200"),
                Route.of("GET", p + "/aggregates?metric=heart_rate&" + range, null, "401 403 403 403 200 403 200 403 200"),
                Route.of("GET", "/patient/" + CAST.doctor + "/overview", null, "401 403 403 403 200 403 403 403 200"),
                Route.of("GET", "/patient/audit", null, "401 403 403 403 403 403 403 403 200"),
                Route.of("DELETE", p, null, "401 403 403 403 403 403 403 403 204"),
                Route.of("GET", "/health", null, "200 200 200 200 200 200 200 200 200"),
                // FHIR (docs/fhir.md): posting as ingest, search as the history, $lastn as the latest values.
                Route.of("POST", "/fhir", fhirHeartRate(), "401 200 403 403 200 200 200 403 200"),
                Route.of("GET", "/fhir/Observation?patient=" + CAST.patient, null,
                        "401 403 403 403 200 403 200 403 200"),
                Route.of("GET", "/fhir/Observation/$lastn?patient=" + CAST.patient, null,
                        "401 403 403 403 200 200 200 403 200"),
                Route.of("GET", "/fhir/metadata", null, "200 200 200 200 200 200 200 200 200")));
    }

    /** A transaction Bundle of one heart rate of the cast's patient, as JSON. */
    private static String fhirHeartRate() {
        return """
                {"resourceType":"Bundle","type":"transaction","entry":[{"resource":{"resourceType":"Observation",
                "status":"final","code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]},
                "subject":{"reference":"Patient/%s"},"effectiveDateTime":"%s","identifier":[{"value":"matrix-hr"}],
                "valueQuantity":{"value":70,"system":"http://unitsofmeasure.org","code":"/min"}},
                "request":{"method":"POST","url":"Observation"}}]}
                """.formatted(CAST.patient, java.time.Instant.now().minusSeconds(60).truncatedTo(
                java.time.temporal.ChronoUnit.SECONDS));
    }

    @Test
    void aDevicesReadingsCarryItsOwnDeviceIdAndReadsOfThePatientAreAudited() {
        UUID patient = USERS.addPatient();
        UUID doctor = USERS.addDoctor(List.of(patient));
        String json = client.post().uri("/patient/" + patient)
                .header("Authorization", TestTokens.bearer(TestTokens.device(UUID.randomUUID(), patient, "cuff-7")))
                .contentType(MediaType.APPLICATION_JSON).body("{\"systolic_bp\":120,\"diastolic_bp\":80}")
                .exchange().expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody();
        assertThat(mapper.readTree(json).get("device_id").asString()).isEqualTo("cuff-7");

        client.get().uri("/patient/" + patient + "/latest")
                .header("Authorization", TestTokens.bearer(TestTokens.person(doctor, "doctor")))
                .exchange().expectStatus().isOk();
        client.get().uri("/patient/" + patient + "/history/telemetry")
                .header("Authorization", TestTokens.bearer(TestTokens.person(UUID.randomUUID(), "doctor")))
                .exchange().expectStatus().isForbidden();
        // a record is written once its request has completed, which can be just after the client has the answer
        assertThat(await(java.time.Duration.ofSeconds(5),
                () -> get("/patient/audit?patient_id=" + patient, 200).size() >= 2)).isTrue();
        JsonNode audit = get("/patient/audit?patient_id=" + patient, 200);
        assertThat(audit.valueStream().map(e -> e.get("actor_role").asString() + " " + e.get("action").asString()
                + " " + e.get("status").asInt()).toList())
                .contains("doctor GET /patient/{patientId}/latest 200",
                        "doctor GET /patient/{patientId}/history/telemetry 403")
                .noneMatch(entry -> entry.startsWith("device")); // readings are not audited one by one
        assertThat(audit.get(0).get("request_id").asString()).isNotBlank();
        assertThat(audit.get(0).get("service").asString()).isEqualTo("patient-data-service");
    }
}
