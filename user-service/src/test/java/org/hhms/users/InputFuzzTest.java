package org.hhms.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hhms.testsupport.MalformedInput.Kind.EMAIL;
import static org.hhms.testsupport.MalformedInput.Kind.ENUM;
import static org.hhms.testsupport.MalformedInput.Kind.PASSWORD;
import static org.hhms.testsupport.MalformedInput.Kind.TEXT;
import static org.hhms.testsupport.MalformedInput.Kind.UUID;

import java.util.List;
import java.util.Map;

import org.hhms.testsupport.InputFuzz;
import org.hhms.testsupport.MalformedInput;
import org.hhms.testsupport.MalformedInput.Field;
import org.hhms.testsupport.TestDatabases;
import org.hhms.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Thousands of malformed bodies (docs/security.md, "Input rules") against every user-service route that takes one:
 * each is answered 4xx problem details naming what was wrong, and none stores a row or a stream entry.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InputFuzzTest extends UsersApiSupport {

    static String keyPrefix;

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        keyPrefix = TestDatabases.register(registry, "hhms_test_users_fuzz");
    }

    @Test
    void malformedBodiesAreRefusedByNameAndStoreNothing() {
        java.util.UUID doctor = register("doctor", "Fuzz Doctor");
        java.util.UUID patient = register("patient", "Fuzz Patient");
        java.util.UUID caretaker = register("caretaker", "Fuzz Caretaker");
        link(doctor, patient);
        sleep(500); // the relay has sent the set-up's events
        Map<String, Long> before = InputFuzz.footprint(jdbc, redis, keyPrefix);

        String admin = TestTokens.admin();
        List<InputFuzz.Route> routes = List.of(
                route("POST", "/users/register", admin, List.of(
                        new Field("email", EMAIL, true, "fuzz.new@example.org"),
                        new Field("full_name", TEXT, true, "Fuzz New"),
                        new Field("role", ENUM, true, "patient"),
                        new Field("phone", TEXT, false, "+15555550199"),
                        new Field("organization", TEXT, false, "Home Care North"),
                        new Field("password", PASSWORD, false, "a-long-password-1")), 1),
                route("PATCH", "/users/" + patient, admin, List.of(
                        new Field("email", EMAIL, false, "fuzz.changed@example.org"),
                        new Field("full_name", TEXT, false, "Fuzz Changed"),
                        new Field("phone", TEXT, false, "+15555550198"),
                        new Field("organization", TEXT, false, "Home Care South"),
                        new Field("doctor_id", UUID, false, doctor.toString()),
                        new Field("password", PASSWORD, false, "another-long-password")), 2),
                route("POST", "/users/login", null, List.of(
                        new Field("email", EMAIL, true, "fuzz.new@example.org"),
                        new Field("password", PASSWORD, true, "a-long-password-1")), 3),
                route("POST", "/users/token/refresh", null, List.of(
                        new Field("refresh_token", TEXT, true, "not-a-real-token")), 4),
                route("POST", "/users/logout", admin, List.of(
                        new Field("refresh_token", TEXT, true, "not-a-real-token")), 5),
                route("POST", "/users/relationships", admin, List.of(
                        new Field("doctor_id", UUID, true, doctor.toString()),
                        new Field("patient_id", UUID, true, patient.toString())), 6),
                route("DELETE", "/users/relationships/unlink", admin, List.of(
                        new Field("doctor_id", UUID, true, doctor.toString()),
                        new Field("patient_id", UUID, true, patient.toString())), 7),
                route("POST", "/users/" + patient + "/care-team", admin, List.of(
                        new Field("member_id", UUID, true, caretaker.toString())), 8),
                route("POST", "/users/" + patient + "/devices", admin, List.of(
                        new Field("device_id", TEXT, true, "fuzz-watch"),
                        new Field("description", TEXT, false, "a watch")), 9));

        InputFuzz.Report report = InputFuzz.runAll(port, routes);
        assertThat(report.cases()).isGreaterThanOrEqualTo(5_000);
        assertThat(report.violations()).withFailMessage(() -> InputFuzz.summary(report.violations())).isEmpty();
        assertThat(InputFuzz.footprint(jdbc, redis, keyPrefix)).as("rows and stream entries").isEqualTo(before);
    }

    private static InputFuzz.Route route(String method, String path, String token, List<Field> fields, long seed) {
        return new InputFuzz.Route(method, path, token == null ? "" : token,
                MalformedInput.cases(fields, 600, seed));
    }
}
