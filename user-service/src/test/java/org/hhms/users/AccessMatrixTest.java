package org.hhms.users;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hhms.testsupport.AccessMatrix;
import org.hhms.testsupport.AccessMatrix.Route;
import org.hhms.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every user-service route as each caller (docs/security.md, "Role matrix"), with real people and care teams.
 * Columns: anonymous, the patient's device, another patient's device, an unrelated doctor, the patient's doctor,
 * their caretaker, the patient, another patient, an admin. Routes that change something get fresh data per call.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccessMatrixTest extends UsersApiSupport {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "hhms_test_users_access");
    }

    @Test
    void everyRouteAnswersEachCallerAsTheMatrixSays() {
        UUID patient = register("patient", "Matrix Patient");
        UUID doctor = register("doctor", "Matrix Doctor");
        UUID caretaker = register("caretaker", "Matrix Caretaker");
        UUID otherPatient = register("patient", "Other Patient");
        UUID unrelated = register("doctor", "Unrelated Doctor");
        UUID notLinked = register("doctor", "Not Linked Doctor");
        link(doctor, patient);
        link(unrelated, otherPatient);
        post("/users/" + patient + "/care-team", Map.of("member_id", caretaker), 200);
        String email = get("/users/" + patient, 200).get("email").asString();
        AccessMatrix cast = new AccessMatrix(patient, doctor, caretaker, unrelated, otherPatient);
        String p = "/users/" + patient;
        cast.check(port, List.of(
                Route.of("GET", p, null, "401 403 403 403 200 200 200 403 200"),
                Route.of("GET", "/users/email/" + email, null, "401 403 403 403 200 200 200 403 200"),
                Route.of("GET", "/fhir/Patient/" + patient, null, "401 403 403 403 200 200 200 403 200"),
                Route.of("PATCH", p, "{\"organization\":\"Home\"}", "401 403 403 403 200 403 200 403 200"),
                Route.of("POST", p, "{\"organization\":\"Home\"}", "401 403 403 403 200 403 200 403 200"),
                Route.of("PATCH", p, "{\"password\":\"a-new-password-1\"}", "401 403 403 403 403 403 200 403 200"),
                Route.of("GET", "/users/" + doctor + "/patients", null, "401 403 403 403 200 403 403 403 200"),
                Route.of("GET", "/users/" + caretaker + "/patients", null, "401 403 403 403 403 200 403 403 200"),
                Route.of("GET", "/users?role=patient", null, "401 403 403 403 403 403 403 403 200"),
                Route.of("GET", p + "/care-team", null, "401 403 403 403 200 200 200 403 200"),
                Route.of("POST", p + "/care-team", "{\"member_id\":\"" + caretaker + "\"}",
                        "401 403 403 403 200 403 403 403 200"),
                new Route("DELETE", () -> {
                    UUID helper = register("caretaker", "Helper");
                    post(p + "/care-team", Map.of("member_id", helper), 200);
                    return p + "/care-team/" + helper;
                }, () -> null, "401 403 403 403 200 403 403 403 200"),
                Route.of("GET", "/users/relationships/check?doctor_id=" + doctor + "&patient_id=" + patient, null,
                        "401 403 403 403 200 403 200 403 200"),
                Route.of("POST", "/users/relationships",
                        "{\"doctor_id\":\"" + doctor + "\",\"patient_id\":\"" + patient + "\"}",
                        "401 403 403 403 200 403 403 403 200"),
                Route.of("DELETE", "/users/relationships/unlink",
                        "{\"doctor_id\":\"" + notLinked + "\",\"patient_id\":\"" + patient + "\"}",
                        "401 403 403 403 200 403 403 403 200"),
                new Route("POST", () -> "/users/register", () -> "{\"email\":\"c" + UUID.randomUUID()
                        + "@example.org\",\"full_name\":\"New Caretaker\",\"role\":\"caretaker\"}",
                        "401 403 403 201 201 403 403 403 201"),
                new Route("POST", () -> "/users/register", () -> "{\"email\":\"d" + UUID.randomUUID()
                        + "@example.org\",\"full_name\":\"New Doctor\",\"role\":\"doctor\"}",
                        "401 403 403 403 403 403 403 403 201"),
                new Route("POST", () -> p + "/devices", () -> "{\"device_id\":\"w-" + UUID.randomUUID() + "\"}",
                        "401 403 403 403 201 403 403 403 201"),
                Route.of("GET", p + "/devices", null, "401 403 403 403 200 403 403 403 200"),
                Route.of("DELETE", p + "/devices/" + UUID.randomUUID(), null, "401 403 403 403 404 403 403 403 404"),
                new Route("DELETE", () -> "/users/" + register("patient", "Leaving Patient"), () -> null,
                        "401 403 403 403 403 403 403 403 204"),
                Route.of("GET", "/users/audit", null, "401 403 403 403 403 403 403 403 200"),
                Route.of("POST", "/users/logout", "{\"refresh_token\":\"not-mine\"}",
                        "401 400 400 400 400 400 400 400 400"),
                Route.of("POST", "/users/login", "{\"email\":\"" + email + "\",\"password\":\"wrong-password\"}",
                        "401 401 401 401 401 401 401 401 401")));
    }
}
