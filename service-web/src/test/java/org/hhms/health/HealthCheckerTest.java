package org.hhms.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class HealthCheckerTest {

    private static DependencyProbe probe(String name, ThrowingCheck check) {
        return new DependencyProbe() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void check() throws Exception {
                check.run();
            }
        };
    }

    interface ThrowingCheck {
        void run() throws Exception;
    }

    @Test
    void runsProbesConcurrentlySoTwoSlowOnesTakeOneTimeoutNotTwo() {
        DependencyProbe slowA = probe("a", () -> Thread.sleep(10_000));
        DependencyProbe slowB = probe("b", () -> Thread.sleep(10_000));
        try (HealthChecker checker = new HealthChecker("svc", List.of(slowA, slowB), Duration.ofMillis(300))) {
            long start = System.nanoTime();
            ServiceHealth health = checker.check();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(550));
            assertThat(health.status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(health.dependencies().get("a").error()).isEqualTo("No answer within 300 ms");
            assertThat(health.dependencies().get("b").error()).isEqualTo("No answer within 300 ms");
        }
    }

    @Test
    void reportsTheRootCauseOfAFailure() {
        DependencyProbe failing = probe("db", () -> {
            throw new IllegalStateException("pool", new ConnectException("Connection refused"));
        });
        try (HealthChecker checker = new HealthChecker("svc", List.of(failing), Duration.ofSeconds(1))) {
            DependencyHealth db = checker.check().dependencies().get("db");
            assertThat(db.status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(db.responseTimeMs()).isNull();
            assertThat(db.error()).isEqualTo("Connection refused");
        }
    }

    @Test
    void isHealthyOnlyWhenEveryProbeIs() {
        try (HealthChecker checker = new HealthChecker("svc",
                List.of(probe("a", () -> { }), probe("b", () -> { })), Duration.ofSeconds(1))) {
            ServiceHealth health = checker.check();
            assertThat(health.isHealthy()).isTrue();
            assertThat(health.dependencies().get("a").responseTimeMs()).isNotNull().isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void aDegradedDependencyIsShownWithItsFiguresAndLeavesTheServiceHealthy() {
        DependencyProbe behind = new DependencyProbe() {
            @Override
            public String name() {
                return "analysis";
            }

            @Override
            public void check() {
            }

            @Override
            public Finding inspect() {
                return new Finding("analysis is 90 s behind", Map.of("lag_seconds", 90.0));
            }
        };
        try (HealthChecker checker = new HealthChecker("svc", List.of(probe("db", () -> { }), behind),
                Duration.ofSeconds(1))) {
            ServiceHealth health = checker.check();
            assertThat(health.isHealthy()).isTrue();
            JsonNode analysis = JsonMapper.builder().build().valueToTree(health).get("dependencies").get("analysis");
            assertThat(analysis.get("status").asString()).isEqualTo("degraded");
            assertThat(analysis.get("error").asString()).isEqualTo("analysis is 90 s behind");
            assertThat(analysis.get("lag_seconds").asDouble()).isEqualTo(90.0);
        }
    }
}
