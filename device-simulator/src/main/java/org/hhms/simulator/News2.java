package org.hhms.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.hhms.contracts.vitals.VitalMetric;

/**
 * The simulator's own NEWS2 (room air, alert, SpO2 scale 1; the table of docs/analytics.md, "NEWS2"), over the latest value of
 * each parameter sent in the last hour: the yardstick the alarm-quality run holds the system against.
 */
public final class News2 {

    private static final Duration WINDOW = Duration.ofHours(1);
    private final Map<VitalMetric, Double> latest = new HashMap<>();
    private final Map<VitalMetric, Instant> seen = new HashMap<>();

    /** Takes a reading into account and returns the score after it. */
    public int add(Reading reading) {
        reading.values().forEach((metric, value) -> {
            latest.put(metric, value);
            seen.put(metric, reading.at());
        });
        return score(reading.at());
    }

    public int score(Instant at) {
        int total = 0;
        for (var entry : latest.entrySet()) {
            if (Duration.between(seen.get(entry.getKey()), at).compareTo(WINDOW) <= 0) {
                total += points(entry.getKey(), entry.getValue());
            }
        }
        return total;
    }

    static int points(VitalMetric metric, double v) {
        return switch (metric) {
            case RESPIRATORY_RATE -> v <= 8 ? 3 : v <= 11 ? 1 : v <= 20 ? 0 : v <= 24 ? 2 : 3;
            case SPO2 -> v <= 91 ? 3 : v <= 93 ? 2 : v <= 95 ? 1 : 0;
            case SYSTOLIC_BP -> v <= 90 ? 3 : v <= 100 ? 2 : v <= 110 ? 1 : v <= 219 ? 0 : 3;
            case HEART_RATE -> v <= 40 ? 3 : v <= 50 ? 1 : v <= 90 ? 0 : v <= 110 ? 1 : v <= 130 ? 2 : 3;
            case TEMPERATURE -> v <= 35.0 ? 3 : v <= 36.0 ? 1 : v <= 38.0 ? 0 : v <= 39.0 ? 1 : 2;
            default -> 0;
        };
    }
}
