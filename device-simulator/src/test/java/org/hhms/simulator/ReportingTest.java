package org.hhms.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hhms.contracts.vitals.VitalMetric;
import org.junit.jupiter.api.Test;

/** What the simulator reports is computed right: percentiles by nearest rank, NEWS2 by the table, options. */
class ReportingTest {

    @Test
    void percentilesAreNearestRankNotAverages() {
        List<Double> values = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            values.add((double) i);
        }
        values.add(10_000.0); // one outlier moves the max and p99.9, not the median
        Map<String, Object> p = Percentiles.of(values);
        assertThat(p).containsEntry("count", 101).containsEntry("p50_ms", 51.0).containsEntry("p99_ms", 100.0)
                .containsEntry("max_ms", 10_000.0);
        assertThat(Percentiles.of(List.of(), "min")).containsOnlyKeys("count");
        assertThat(Percentiles.of(List.of(3.0), "min")).containsEntry("p90_min", 3.0);
    }

    @Test
    void news2ScoresTheLatestValueOfEachParameterWithinAnHour() {
        News2 news2 = new News2();
        Instant t = Instant.parse("2026-11-24T08:00:00Z");
        assertThat(news2.add(new Reading(t, Map.of(VitalMetric.HEART_RATE, 120.0, VitalMetric.RESPIRATORY_RATE, 26.0)))).isEqualTo(5);
        assertThat(news2.add(new Reading(t.plusSeconds(60), Map.of(VitalMetric.SPO2, 91.0, VitalMetric.TEMPERATURE, 39.2))))
                .isEqualTo(10);
        assertThat(news2.add(new Reading(t.plusSeconds(120), Map.of(VitalMetric.HEART_RATE, 80.0)))).isEqualTo(8);
        assertThat(news2.score(t.plusSeconds(3650))).isEqualTo(5); // the 08:00 values have aged out, 08:01 not
        assertThat(News2.points(VitalMetric.SYSTOLIC_BP, 90)).isEqualTo(3);
        assertThat(News2.points(VitalMetric.SYSTOLIC_BP, 111)).isZero();
        assertThat(News2.points(VitalMetric.TEMPERATURE, 36.0)).isEqualTo(1);
    }

    @Test
    void optionsAreParsedAsModeFlagsAndValues() {
        Map<String, String> options = Simulator.parse(new String[] { "latency", "--rate", "500", "--batch",
                "--json", "out.json" });
        assertThat(options).containsEntry("mode", "latency").containsEntry("rate", "500")
                .containsEntry("batch", "true").containsEntry("json", "out.json");
    }
}
