package org.hhms.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.hhms.testsupport.FhirCalls;
import org.hhms.testsupport.FhirProfiles;
import org.hhms.testsupport.TestDatabases;
import org.hhms.testsupport.TestTokens;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A patient as FHIR R4: name, contacts, primary doctor; valid R4; 404 for what is no (active) patient. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FhirPatientTest extends UsersApiSupport {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "hhms_test_users_fhir");
    }

    @Test
    void aPatientReadsAsAValidR4PatientWithTheirDoctorAndIsGoneOnceDeactivated() {
        UUID doctor = register("doctor", "Dr Ana Ruiz");
        UUID patient = register(Map.of("email", "fhir-patient-" + UUID.randomUUID() + "@example.org",
                "full_name", "Maria Lopez", "role", "patient",
                "phone", "+15555550401"));
        link(doctor, patient);

        Patient read = read("/fhir/Patient/" + patient, TestTokens.person(doctor, "doctor"), 200, Patient.class);
        assertThat(read.getIdPart()).isEqualTo(patient.toString());
        assertThat(read.getNameFirstRep().getText()).isEqualTo("Maria Lopez");
        assertThat(read.getActive()).isTrue();
        assertThat(read.getTelecom()).extracting(ContactPoint::getValue).contains("+15555550401");
        assertThat(read.getGeneralPractitionerFirstRep().getIdentifier().getValue()).isEqualTo(doctor.toString());
        assertThat(FhirProfiles.errors(FhirCalls.encode(read))).isEmpty();

        client.delete().uri("/users/" + patient).exchange().expectStatus().isNoContent();
        // Deactivated: gone, as from GET /users/{id}.
        read("/fhir/Patient/" + patient, TestTokens.admin(), 404, OperationOutcome.class);

        OperationOutcome doctorIsNoPatient = read("/fhir/Patient/" + doctor, TestTokens.admin(), 404,
                OperationOutcome.class);
        assertThat(doctorIsNoPatient.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.NOTFOUND);
        read("/fhir/Patient/" + UUID.randomUUID(), TestTokens.admin(), 404, OperationOutcome.class);
        read("/fhir/Patient/" + UUID.randomUUID(), TestTokens.person(doctor, "doctor"), 403, OperationOutcome.class);
    }

    <T extends Resource> T read(String path, String token, int status, Class<T> type) {
        return FhirCalls.read(client, path, token, status, type);
    }
}
