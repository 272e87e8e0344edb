package org.hhms.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hhms.contracts.alarms.AnomalyKind;
import org.hhms.contracts.alarms.Severity;
import org.hhms.contracts.events.AnomalyDetected;
import org.hhms.contracts.events.EventType;
import org.hhms.testsupport.FakeUserService;
import org.hhms.testsupport.FhirCalls;
import org.hhms.testsupport.FhirProfiles;
import org.hhms.testsupport.TestDatabases;
import org.hhms.testsupport.TestTokens;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Alert episodes as FHIR DetectedIssues: a patient's open ones with the readings that raised them, the
 * acknowledgement and the end, valid R4; read by the patient's care circle only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FhirDetectedIssueTest extends AlertsTestSupport {

    static final FakeUserService USERS = new FakeUserService();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "hhms_test_fhir_issues");
        registry.add("hhms.security.user-service-url", USERS::url);
    }

    @AfterAll
    static void stop() {
        USERS.close();
    }

    @Test
    void anOpenEpisodeIsADetectedIssueNamingItsReadingsUntilItIsResolved() {
        UUID patient = USERS.addPatient();
        team(patient, "doctor", "+15555550301", "caretaker", "+15555550302");
        UUID doctorId = USERS.addDoctor(List.of(patient));
        String doctor = TestTokens.person(doctorId, "doctor");
        raise(patient, "heart_rate:threshold", "critical", "heart_rate 182 > max 130.0", "r-182");
        raise(patient, "spo2:threshold", "warning", "spo2 89 < min 90.0", "r-89");
        String search = "/fhir/DetectedIssue?patient=" + patient;
        assertThat(await(Duration.ofSeconds(10), () -> implicated(read(search, doctor, 200, Bundle.class)) == 2))
                .isTrue();

        Bundle open = read(search, doctor, 200, Bundle.class);
        assertThat(open.getEntry()).hasSize(1);
        DetectedIssue issue = (DetectedIssue) open.getEntryFirstRep().getResource();
        assertThat(issue.getStatus()).isEqualTo(DetectedIssue.DetectedIssueStatus.PRELIMINARY);
        assertThat(issue.getSeverity()).isEqualTo(DetectedIssue.DetectedIssueSeverity.HIGH);
        assertThat(issue.getPatient().getReference()).isEqualTo("Patient/" + patient);
        assertThat(issue.getImplicated()).extracting(r -> r.getIdentifier().getValue())
                .containsExactly("r-182", "r-89");
        assertThat(issue.getImplicated()).allSatisfy(r -> {
            assertThat(r.getType()).isEqualTo("Observation");
            assertThat(r.getIdentifier().getSystem()).isEqualTo("urn:hhms:reading-id");
        });
        assertThat(issue.getEvidence()).hasSize(2);
        assertThat(open.getEntryFirstRep().getFullUrl()).endsWith("/fhir/DetectedIssue/" + issue.getIdPart());
        assertThat(FhirProfiles.errors(FhirCalls.encode(open))).isEmpty();

        String alert = issue.getIdPart();
        post("/alerts/" + alert + "/acknowledge", Map.of("status", "acknowledged", "doctor_id", doctorId,
                "note", "calling her now"), 200);
        DetectedIssue acknowledged = read("/fhir/DetectedIssue/" + alert, doctor, 200, DetectedIssue.class);
        assertThat(acknowledged.getStatus()).isEqualTo(DetectedIssue.DetectedIssueStatus.PRELIMINARY);
        assertThat(acknowledged.getMitigationFirstRep().getAction().getText())
                .isEqualTo("Acknowledged: calling her now");
        assertThat(acknowledged.getMitigationFirstRep().getAuthor().getIdentifier().getValue())
                .isEqualTo(doctorId.toString());
        assertThat(read(search, doctor, 200, Bundle.class).getEntry()).hasSize(1);

        post("/alerts/" + alert + "/acknowledge", Map.of("status", "false_alarm", "doctor_id", doctorId), 200);
        DetectedIssue ended = read("/fhir/DetectedIssue/" + alert, doctor, 200, DetectedIssue.class);
        assertThat(ended.getStatus()).isEqualTo(DetectedIssue.DetectedIssueStatus.ENTEREDINERROR);
        assertThat(ended.getIdentifiedPeriod().hasEnd()).isTrue();
        assertThat(FhirProfiles.errors(FhirCalls.encode(ended))).isEmpty();
        assertThat(read(search, doctor, 200, Bundle.class).getEntry()).isEmpty();
    }

    @Test
    void onlyThePatientsCareCircleReadsTheirIssues() {
        UUID patient = USERS.addPatient();
        team(patient, "doctor", "+15555550311", "caretaker", "+15555550312");
        raise(patient, "heart_rate:threshold", "warning", "heart_rate 135 > max 130.0", "r-135");
        String search = "/fhir/DetectedIssue?patient=" + patient;
        String doctor = TestTokens.person(USERS.addDoctor(List.of(patient)), "doctor");
        String caretaker = TestTokens.person(USERS.addCaretaker(List.of(patient)), "caretaker");
        assertThat(await(Duration.ofSeconds(10), () -> read(search, doctor, 200, Bundle.class).hasEntry())).isTrue();
        String alert = read(search, doctor, 200, Bundle.class).getEntryFirstRep().getResource().getIdPart();

        read(search, caretaker, 200, Bundle.class);
        read(search, TestTokens.person(patient, "patient"), 200, Bundle.class);
        OperationOutcome refused = read(search, TestTokens.person(UUID.randomUUID(), "doctor"), 403,
                OperationOutcome.class);
        assertThat(refused.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.FORBIDDEN);
        read("/fhir/DetectedIssue/" + alert, TestTokens.device(UUID.randomUUID(), patient, "d-1"), 403,
                OperationOutcome.class);
        read("/fhir/DetectedIssue/" + UUID.randomUUID(), doctor, 404, OperationOutcome.class);
        read("/fhir/DetectedIssue/not-a-uuid", doctor, 404, OperationOutcome.class);
        OperationOutcome unknown = read(search + "&status=open", doctor, 400, OperationOutcome.class);
        assertThat(unknown.getIssueFirstRep().getExpression().getFirst().getValue()).isEqualTo("status");
        read("/fhir/DetectedIssue", doctor, 400, OperationOutcome.class);
    }

    private void raise(UUID patient, String condition, String severity, String description, String readingId) {
        events().publish(EventType.ANOMALY_DETECTED, new AnomalyDetected(UUID.randomUUID(), patient,
                AnomalyKind.THRESHOLD, condition.split(":")[0], null, Severity.parse(severity), null, description,
                readingId, Instant.now(), null, patient + ":" + condition, null, null, null, null, null));
    }

    private static int implicated(Bundle bundle) {
        return bundle.getEntry().isEmpty() ? 0 : ((DetectedIssue) bundle.getEntryFirstRep().getResource())
                .getImplicated().size();
    }

    <T extends Resource> T read(String path, String token, int status, Class<T> type) {
        return FhirCalls.read(client, path, token, status, type);
    }
}
