package org.hhms.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hhms.testsupport.MalformedInput.Kind.ENUM;
import static org.hhms.testsupport.MalformedInput.Kind.INTEGER;
import static org.hhms.testsupport.MalformedInput.Kind.NUMBER;
import static org.hhms.testsupport.MalformedInput.Kind.TIMESTAMP;
import static org.hhms.testsupport.MalformedInput.Kind.UUID;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

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
 * Thousands of malformed bodies (docs/security.md, "Input rules") against every analytics route that takes one —
 * thresholds (a NaN bound once switched a patient's alarm off), re-evaluation runs, the NEWS2 scale: each is
 * answered 4xx problem details naming what was wrong, and none stores a row or a stream entry.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InputFuzzTest extends AnalyticsTestSupport {

    static final FakeUserService USERS = new FakeUserService();
    static String keyPrefix;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        keyPrefix = TestDatabases.register(registry, "hhms_test_analytics_fuzz");
        registry.add("hhms.security.user-service-url", USERS::url);
    }

    @AfterAll
    static void stop() {
        USERS.close();
    }

    @Test
    void malformedBodiesAreRefusedByNameAndStoreNothing() {
        java.util.UUID patient = USERS.addPatient();
        Map<String, Long> before = InputFuzz.footprint(jdbc, redis, keyPrefix);
        String admin = TestTokens.admin();
        String since = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
        List<InputFuzz.Route> routes = List.of(
                new InputFuzz.Route("POST", "/analytics/thresholds", admin, MalformedInput.cases(List.of(
                        new Field("patient_id", UUID, true, patient.toString()),
                        new Field("metric", ENUM, true, "heart_rate"),
                        new Field("min_value", NUMBER, false, 40),
                        new Field("max_value", NUMBER, false, 120)), 1_000, 21)),
                // Both fields may be left out (no body, JSON null or a missing key is the route's documented default,
                // the seed's smoke check), but an explicit null is refused: the fields are "required" only for that.
                new InputFuzz.Route("POST", "/analytics/run", admin, MalformedInput.cases(List.of(
                        new Field("patient_id", UUID, true, patient.toString()),
                        new Field("since", TIMESTAMP, true, since)), 800, 22).stream()
                        .filter(c -> !c.description().equals("an empty body") && !c.description().equals("JSON null")
                                && !c.description().startsWith("no "))
                        .toList()),
                new InputFuzz.Route("PUT", "/analytics/news2/" + patient + "/scale", admin,
                        MalformedInput.cases(List.of(new Field("spo2_scale", INTEGER, true, 2)), 400, 23)));
        InputFuzz.Report report = InputFuzz.runAll(port, routes);
        assertThat(report.cases()).isGreaterThanOrEqualTo(2_000);
        assertThat(report.violations()).withFailMessage(() -> InputFuzz.summary(report.violations())).isEmpty();
        assertThat(InputFuzz.footprint(jdbc, redis, keyPrefix)).as("rows and stream entries").isEqualTo(before);
    }
}
