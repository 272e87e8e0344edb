package org.hhms.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.hhms.messaging.stream.GroupConsumer;
import org.hhms.testsupport.FakeUserService;
import org.hhms.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A patient in a long condition: the readings back in range that follow a confirmed breach start its clearing and,
 * once they have lasted {@code clear-after}, end it — judged many in one batch (where most of them cost no
 * statement: the batch knows the clearing under way) exactly as judged one by one, with the all-clear at the first
 * reading {@code clear-after} past the first one back in range, and a new breach in between starting the clearing
 * over.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LongConditionBatchTest extends AnalyticsTestSupport {

    static final FakeUserService USERS = new FakeUserService();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "hhms_test_long_condition");
        registry.add("hhms.security.user-service-url", USERS::url);
        registry.add("hhms.analytics.confirmation.clear-after", () -> "2m");
    }

    @Autowired
    @Qualifier("vitalsConsumer")
    GroupConsumer vitalsConsumer;

    @AfterAll
    static void stop() {
        USERS.close();
    }

    @Test
    void aLongConditionClearsAtTheSameReadingWhetherJudgedInBatchesOrOneByOne() {
        // Nanoseconds as devices may send them: PostgreSQL rounds them to microseconds, and so must the batch.
        Instant start = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS)
                .plusNanos(123_456_789);
        List<Object[]> course = course(start);
        UUID alone = USERS.addPatient();
        judgeOneByOne(alone, course);
        List<UUID> backlog = List.of(USERS.addPatient(), USERS.addPatient(), USERS.addPatient(), USERS.addPatient());
        judgeAsBacklog(vitalsConsumer, backlog, course);
        List<String> expected = resolutions(alone);
        assertThat(expected).as("the first clearing is broken by a new breach; the second ends the condition at the "
                + "first reading 2 min past its start").containsExactly("resolved n-11");
        for (UUID patient : backlog) {
            assertThat(resolutions(patient)).as("patient %s", patient).isEqualTo(expected);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM open_conditions WHERE patient_id = ?", Long.class,
                    patient)).isZero();
        }
    }

    /**
     * A pulse of 145 held, then confirmed by 146; readings back in range every 20 s from n-0 (the clearing begins),
     * a breach again at n-4 (the clearing starts over at n-5), then readings back in range: n-11 is the first 2 min
     * after n-5 and ends the condition; n-12 and later find nothing open.
     */
    private static List<Object[]> course(Instant start) {
        List<Object[]> course = new ArrayList<>();
        course.add(new Object[] {"b-0", start, new Object[] {"heart_rate", 145}});
        course.add(new Object[] {"b-1", start.plusSeconds(10), new Object[] {"heart_rate", 146}});
        Instant t = start.plusSeconds(20);
        for (int i = 0; i < 18; i++) {
            Object[] metrics = i == 4 ? new Object[] {"heart_rate", 147} : new Object[] {"heart_rate", 80};
            course.add(new Object[] {"n-" + i, t.plusSeconds(i * 20L), metrics});
        }
        return course;
    }

    private List<String> resolutions(UUID patient) {
        return anomalyEvents(patient).stream().filter(e -> e.get("type").asString().equals("anomaly.resolved"))
                .filter(e -> e.get("data").path("kind").asString().equals("threshold"))
                .map(e -> "resolved " + e.get("data").path("reading_id").asString()).toList();
    }
}
