package org.hhms.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hhms.testsupport.MalformedInput.Kind.ENUM;
import static org.hhms.testsupport.MalformedInput.Kind.TEXT;
import static org.hhms.testsupport.MalformedInput.Kind.UUID;

import java.util.List;
import java.util.Map;

import org.hhms.alerts.alert.AlertService;
import org.hhms.contracts.alarms.Severity;
import org.hhms.testsupport.InputFuzz;
import org.hhms.testsupport.MalformedInput;
import org.hhms.testsupport.MalformedInput.Field;
import org.hhms.testsupport.TestDatabases;
import org.hhms.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Thousands of malformed bodies (docs/security.md, "Input rules") against every alerts route that takes one — manual
 * alerts (whose text goes out by SMS) and acknowledgements: each is answered 4xx problem details naming what was
 * wrong, and none stores a row or a stream entry.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InputFuzzTest extends AlertsTestSupport {

    static String keyPrefix;

    @Autowired
    AlertService alerts;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        keyPrefix = TestDatabases.register(registry, "hhms_test_alerts_fuzz");
    }

    @Test
    void malformedBodiesAreRefusedByNameAndStoreNothing() {
        java.util.UUID patient = java.util.UUID.randomUUID();
        java.util.UUID doctor = team(patient, "doctor", "+15555550191").getFirst();
        java.util.UUID alert = alerts.manual(patient, "an alert to acknowledge", Severity.WARNING).id();
        sleep(500);
        Map<String, Long> before = InputFuzz.footprint(jdbc, redis, keyPrefix);
        String admin = TestTokens.admin();
        List<Field> manual = List.of(
                new Field("message", TEXT, true, "Please call the patient"),
                new Field("severity", ENUM, false, "warning"));
        List<InputFuzz.Route> routes = List.of(
                new InputFuzz.Route("POST", "/alerts/notifications/send", admin, MalformedInput.cases(List.of(
                        new Field("patient_id", UUID, true, patient.toString()),
                        new Field("message", TEXT, true, "Please call the patient"),
                        new Field("severity", ENUM, false, "warning")), 800, 31)),
                new InputFuzz.Route("POST", "/alerts/send/" + patient, admin, MalformedInput.cases(manual, 800, 32)),
                new InputFuzz.Route("POST", "/alerts/" + alert + "/acknowledge", admin, MalformedInput.cases(List.of(
                        new Field("status", ENUM, false, "acknowledged"),
                        new Field("doctor_id", UUID, false, doctor.toString())), 800, 33)));
        InputFuzz.Report report = InputFuzz.runAll(port, routes);
        assertThat(report.cases()).isGreaterThanOrEqualTo(2_400);
        assertThat(report.violations()).withFailMessage(() -> InputFuzz.summary(report.violations())).isEmpty();
        assertThat(InputFuzz.footprint(jdbc, redis, keyPrefix)).as("rows and stream entries").isEqualTo(before);
    }
}
