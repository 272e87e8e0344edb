package org.hhms.alerts;

import java.util.List;

import org.hhms.alerts.alert.AlertService;
import org.hhms.contracts.alarms.Severity;
import org.hhms.testsupport.AccessMatrix;
import org.hhms.testsupport.AccessMatrix.Route;
import org.hhms.testsupport.FakeUserService;
import org.hhms.testsupport.TestDatabases;
import org.hhms.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every alerts route as each caller (docs/security.md, "Role matrix"). Columns: anonymous, the patient's device,
 * another patient's device, an unrelated doctor, the patient's doctor, their caretaker, the patient, another
 * patient, an admin. Acknowledging gets a new alert for every call. The live stream, which never ends
 * for an allowed caller, is checked for refusals only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccessMatrixTest extends AlertsTestSupport {

    static final FakeUserService USERS = new FakeUserService();
    static final AccessMatrix CAST = AccessMatrix.in(USERS);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "hhms_test_alerts_access");
        registry.add("hhms.security.user-service-url", USERS::url);
    }

    @Autowired
    AlertService alerts;

    @AfterAll
    static void stop() {
        USERS.close();
    }

    @Test
    void everyRouteAnswersEachCallerAsTheMatrixSays() {
        String p = CAST.patient.toString();
        String alert = alerts.manual(CAST.patient, "matrix", Severity.INFO).id().toString();
        CAST.check(port, List.of(
                Route.of("POST", "/alerts/send/" + p, "{\"message\":\"help\",\"severity\":\"info\"}",
                        "401 403 403 403 201 201 201 403 201"),
                Route.of("POST", "/alerts/notifications/send",
                        "{\"patient_id\":\"" + p + "\",\"message\":\"help\",\"severity\":\"info\"}",
                        "401 403 403 403 201 201 201 403 201"),
                Route.of("GET", "/alerts/" + p, null, "401 403 403 403 200 200 200 403 200"),
                Route.of("GET", "/alerts?doctor_id=" + CAST.doctor, null, "401 403 403 403 200 403 403 403 200"),
                Route.of("GET", "/alerts", null, "401 403 403 200 200 200 403 403 400"),
                new Route("POST", () -> "/alerts/" + alerts.manual(CAST.patient, "ack me", Severity.INFO).id()
                        + "/acknowledge", () -> "{\"status\":\"acknowledged\"}", "401 403 403 403 200 200 403 403 200"),
                Route.of("POST", "/alerts/" + alert + "/acknowledge",
                        "{\"status\":\"acknowledged\",\"doctor_id\":\"" + CAST.unrelatedDoctor + "\"}",
                        "401 403 403 403 403 403 403 403 200"),
                new Route("POST", () -> "/alerts/" + alerts.manual(CAST.patient, "snooze me", Severity.WARNING).id()
                        + "/snooze", () -> "{\"minutes\":15}", "401 403 403 403 200 200 403 403 200"),
                Route.of("GET", "/alerts/" + alert + "/notifications", null, "401 403 403 403 200 403 403 403 200"),
                Route.of("GET", "/alerts/" + alert + "/history", null, "401 403 403 403 200 200 200 403 200"),
                Route.of("GET", "/alerts/system/status", null, "401 403 403 403 403 403 403 403 200"),
                Route.of("GET", "/alerts/audit", null, "401 403 403 403 403 403 403 403 200"),
                // FHIR (docs/fhir.md): as the patient's alerts.
                Route.of("GET", "/fhir/DetectedIssue?patient=" + p, null, "401 403 403 403 200 200 200 403 200"),
                Route.of("GET", "/fhir/DetectedIssue/" + alert, null, "401 403 403 403 200 200 200 403 200")));
    }

    @Test
    void theLiveStreamRefusesCallersWhoMayNotSeeThePatient() {
        for (AccessMatrix.Who who : List.of(AccessMatrix.Who.OWN_DEVICE, AccessMatrix.Who.UNRELATED_DOCTOR,
                AccessMatrix.Who.OTHER_PATIENT)) {
            client.get().uri("/alerts/stream?patient_id=" + CAST.patient)
                    .header("Authorization", TestTokens.bearer(CAST.token(who)))
                    .exchange().expectStatus().isForbidden();
        }
        client.get().uri("/alerts/stream?doctor_id=" + CAST.doctor)
                .header("Authorization", TestTokens.bearer(CAST.token(AccessMatrix.Who.UNRELATED_DOCTOR)))
                .exchange().expectStatus().isForbidden();
    }
}
