package org.hhms.vitals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hhms.testsupport.MalformedInput.Kind.BOOLEAN;
import static org.hhms.testsupport.MalformedInput.Kind.ENUM;
import static org.hhms.testsupport.MalformedInput.Kind.NUMBER;
import static org.hhms.testsupport.MalformedInput.Kind.TEXT;
import static org.hhms.testsupport.MalformedInput.Kind.TIMESTAMP;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hhms.testsupport.FakeUserService;
import org.hhms.testsupport.InputFuzz;
import org.hhms.testsupport.MalformedInput;
import org.hhms.testsupport.MalformedInput.Field;
import org.hhms.testsupport.TestDatabases;
import org.hhms.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Thousands of malformed readings (docs/security.md, "Input rules") against both ingest routes: each is answered
 * 4xx problem details naming what was wrong, and none stores a row or a stream entry.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InputFuzzTest extends VitalsApiSupport {

    static final FakeUserService USERS = new FakeUserService();
    static String keyPrefix;

    static final List<Field> READING = List.of(
            new Field("timestamp", TIMESTAMP, false, "2026-11-23T08:00:00Z"),
            new Field("heart_rate", NUMBER, false, 88),
            new Field("spo2", NUMBER, false, 98),
            new Field("respiratory_rate", NUMBER, false, 16),
            new Field("systolic_bp", NUMBER, false, 120),
            new Field("diastolic_bp", NUMBER, false, 80),
            new Field("temperature", NUMBER, false, 37.0),
            new Field("glucose", NUMBER, false, 100),
            new Field("weight_kg", NUMBER, false, 70),
            new Field("reading_id", TEXT, false, "fuzz-1"),
            new Field("device_id", TEXT, false, "fuzz-device"),
            new Field("on_oxygen", BOOLEAN, false, false),
            new Field("consciousness", ENUM, false, "alert"));

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        keyPrefix = TestDatabases.register(registry, "hhms_test_vitals_fuzz");
        registry.add("hhms.security.user-service-url", USERS::url);
    }

    @AfterAll
    static void stop() {
        USERS.close();
    }

    @Test
    void malformedReadingsAreRefusedByNameAndStoreNothing() {
        UUID patient = USERS.addPatient();
        post("/patient/" + patient, reading("2026-11-23T07:00:00Z", "heart_rate", 70), 201);
        awaitVitalEvents(patient, events -> events.size() == 1);
        Map<String, Long> before = InputFuzz.footprint(jdbc, redis, keyPrefix);

        String admin = TestTokens.admin();
        List<MalformedInput.Case> single = MalformedInput.cases(READING, 1_500, 11);
        List<MalformedInput.Case> batch = MalformedInput.wrapped(MalformedInput.cases(READING, 1_500, 12),
                "{\"readings\":[", "]}", "readings[0].");
        InputFuzz.Report report = InputFuzz.runAll(port, List.of(
                new InputFuzz.Route("POST", "/patient/" + patient, admin, single),
                new InputFuzz.Route("POST", "/patient/batch/" + patient, admin, batch)));

        assertThat(report.cases()).isGreaterThanOrEqualTo(3_000);
        assertThat(report.violations()).withFailMessage(() -> InputFuzz.summary(report.violations())).isEmpty();
        assertThat(InputFuzz.footprint(jdbc, redis, keyPrefix)).as("rows and stream entries").isEqualTo(before);
    }
}
