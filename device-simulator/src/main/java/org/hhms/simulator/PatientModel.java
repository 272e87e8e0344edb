package org.hhms.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.hhms.contracts.vitals.VitalMetric;

/**
 * The vital signs of one simulated patient over simulated time, reproducible from a seed. Each metric is measured
 * at its own rate, as home devices do: heart rate and SpO2 every {@code fastEvery} (30 s), respiratory rate every
 * minute, temperature hourly, blood pressure four times a day. Values are a patient's own baseline plus a slow,
 * mean-reverting wander plus measurement noise, kept inside the ranges NEWS2 scores 0 unless the profile says
 * otherwise.
 */
public final class PatientModel {

    private static final Duration RR_EVERY = Duration.ofMinutes(1);
    private static final Duration TEMP_EVERY = Duration.ofHours(1);
    private static final Duration BP_EVERY = Duration.ofHours(6);

    private final Profile profile;
    private final Random random;
    private final Instant start;
    private final Duration fastEvery;
    private final double hr;
    private final double spo2;
    private final double rr;
    private final double sbp;
    private final double dbp;
    private final double temp;
    /** Deteriorating: when the course begins and how long it takes to reach its worst. */
    private final Duration onset;
    private final Duration course;
    /** Silent: when the device stops sending. */
    private final Duration silentAfter;
    private final Map<VitalMetric, Double> wander = new LinkedHashMap<>();
    private final long phase;

    public PatientModel(Profile profile, long seed, Instant start, Duration fastEvery, Duration runLength) {
        this.profile = profile;
        this.random = new Random(seed);
        this.start = start;
        this.fastEvery = fastEvery;
        this.hr = 62 + random.nextDouble() * 18;
        this.spo2 = 96.5 + random.nextDouble() * 2;
        this.rr = 13 + random.nextDouble() * 4;
        this.sbp = 115 + random.nextDouble() * 20;
        this.dbp = 70 + random.nextDouble() * 10;
        this.temp = 36.5 + random.nextDouble() * 0.6;
        long runMinutes = Math.max(1, runLength.toMinutes());
        this.course = Duration.ofMinutes(30 + random.nextInt(61));
        this.onset = Duration.ofMinutes(Math.max(0, Math.min(runMinutes / 4, runMinutes - course.toMinutes() - 10)));
        this.silentAfter = Duration.ofMinutes(runMinutes / 3 + random.nextInt((int) Math.max(1, runMinutes / 6)));
        this.phase = random.nextLong(BP_EVERY.toMillis());
    }

    public Profile profile() {
        return profile;
    }

    /** When the deterioration begins (deteriorating profile). */
    public Instant onsetAt() {
        return start.plus(onset);
    }

    /** When the device stops sending (silent profile). */
    public Instant silentAt() {
        return start.plus(silentAfter);
    }

    /**
     * The readings measured in {@code (from, to]}, oldest first; each call must continue where the last one ended
     * (the wander is a random walk in time).
     */
    public List<Reading> readings(Instant from, Instant to) {
        TreeMap<Instant, Map<VitalMetric, Double>> byTime = new TreeMap<>();
        measure(byTime, from, to, fastEvery, VitalMetric.HEART_RATE, VitalMetric.SPO2);
        measure(byTime, from, to, RR_EVERY, VitalMetric.RESPIRATORY_RATE);
        measure(byTime, from, to, TEMP_EVERY, VitalMetric.TEMPERATURE);
        measure(byTime, from, to, BP_EVERY, VitalMetric.SYSTOLIC_BP, VitalMetric.DIASTOLIC_BP);
        List<Reading> readings = new ArrayList<>();
        for (var entry : byTime.entrySet()) {
            if (profile == Profile.SILENT && !entry.getKey().isBefore(silentAt())) {
                break;
            }
            Map<VitalMetric, Double> values = new LinkedHashMap<>();
            entry.getValue().forEach((metric, ignored) -> values.put(metric, value(metric, entry.getKey())));
            if (profile == Profile.ARTEFACTS && random.nextInt(90) == 0) {
                artefact(values);
            }
            readings.add(new Reading(entry.getKey(), values));
        }
        return readings;
    }

    /**
     * Each metric's schedule starts at its own offset within its period (a patient's phase), so a cohort's devices
     * do not all send in the same second and a short run still sees a blood pressure.
     */
    private void measure(TreeMap<Instant, Map<VitalMetric, Double>> byTime, Instant from, Instant to, Duration every,
            VitalMetric... metrics) {
        long step = every.toMillis();
        Instant origin = start.plusMillis(phase % step);
        long first = Math.floorDiv(Duration.between(origin, from).toMillis(), step);
        for (long k = Math.max(first, 0); ; k++) {
            Instant at = origin.plusMillis(k * step);
            if (at.isAfter(to)) {
                return;
            }
            if (!at.isAfter(from)) {
                continue;
            }
            for (VitalMetric metric : metrics) {
                byTime.computeIfAbsent(at, t -> new LinkedHashMap<>()).put(metric, 0.0);
            }
        }
    }

    /** The value of one metric at a time: baseline + course + wander + noise, rounded as devices report. */
    double value(VitalMetric metric, Instant at) {
        double p = progress(at);
        double w = wander(metric);
        return switch (metric) {
            case HEART_RATE -> round(clamp(hr + p * (128 - hr) + w * 4 + noise(1.5), 52, p > 0 ? 150 : 89), 0);
            case SPO2 -> round(clamp(spo2 - p * (spo2 - 89) + w * 0.5 + noise(0.4), p > 0 ? 80 : 96, 100), 0);
            case RESPIRATORY_RATE -> round(clamp(rr + p * (27 - rr) + w + noise(0.6), 12, p > 0 ? 40 : 20), 0);
            case TEMPERATURE -> round(clamp(temp + p * (39.3 - temp) + w * 0.15 + noise(0.1), 36.2, p > 0 ? 41 : 37.9), 1);
            case SYSTOLIC_BP -> round(clamp(sbp - p * (sbp - 92) + w * 4 + noise(3), p > 0 ? 80 : 112, 180), 0);
            case DIASTOLIC_BP -> round(clamp(dbp - p * (dbp - 58) + w * 2 + noise(2), 45, 100), 0);
            default -> throw new IllegalArgumentException(metric.json());
        };
    }

    /** 0 before the deterioration, rising to 1 at its worst (always 0 for other profiles). */
    double progress(Instant at) {
        if (profile != Profile.DETERIORATING || at.isBefore(onsetAt())) {
            return 0;
        }
        return Math.min(1, Duration.between(onsetAt(), at).toMillis() / (double) course.toMillis());
    }

    /** A mean-reverting walk per metric, in units of "a little" (about ±1). */
    private double wander(VitalMetric metric) {
        double next = wander.getOrDefault(metric, 0.0) * 0.95 + random.nextGaussian() * 0.3;
        wander.put(metric, clamp(next, -1.5, 1.5));
        return next;
    }

    private void artefact(Map<VitalMetric, Double> values) {
        if (values.containsKey(VitalMetric.SPO2) && random.nextBoolean()) {
            values.put(VitalMetric.SPO2, (double) (70 + random.nextInt(8))); // a clip slipping off the finger
        } else if (values.containsKey(VitalMetric.HEART_RATE)) {
            values.put(VitalMetric.HEART_RATE, (double) (165 + random.nextInt(30))); // motion read as pulse
        }
    }

    private double noise(double sd) {
        return random.nextGaussian() * sd;
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }

    private static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }
}
