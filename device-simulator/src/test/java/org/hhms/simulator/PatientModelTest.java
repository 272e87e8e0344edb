package org.hhms.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.hhms.contracts.vitals.VitalMetric;
import org.junit.jupiter.api.Test;

/** The profiles do what the alarm-quality run relies on, for many seeds. */
class PatientModelTest {

    static final Instant START = Instant.parse("2026-11-24T00:00:00Z");
    static final Duration RUN = Duration.ofHours(4);

    static List<Reading> run(Profile profile, long seed) {
        return run(profile, seed, RUN);
    }

    static List<Reading> run(Profile profile, long seed, Duration length) {
        PatientModel model = new PatientModel(profile, seed, START, Duration.ofSeconds(30), length);
        List<Reading> all = new ArrayList<>();
        Instant t = START;
        while (t.isBefore(START.plus(length))) { // in steps, as the simulator asks
            Instant next = t.plus(Duration.ofSeconds(17));
            all.addAll(model.readings(t, next));
            t = next;
        }
        return all;
    }

    static int maxNews2(List<Reading> readings) {
        News2 news2 = new News2();
        return readings.stream().mapToInt(news2::add).max().orElse(0);
    }

    @Test
    void aStablePatientNeverReachesNews2Of5AndStaysInNormalRanges() {
        for (long seed = 1; seed <= 50; seed++) {
            List<Reading> readings = run(Profile.STABLE, seed);
            assertThat(maxNews2(readings)).as("seed %d", seed).isLessThan(5);
            assertThat(readings).allSatisfy(r -> {
                assertThat(r.values().getOrDefault(VitalMetric.HEART_RATE, 70.0)).isBetween(51.0, 90.0);
                assertThat(r.values().getOrDefault(VitalMetric.SPO2, 97.0)).isBetween(96.0, 100.0);
            });
        }
    }

    @Test
    void aDeterioratingPatientCrossesNews2Of5Then7WithinTheCourse() {
        for (long seed = 1; seed <= 50; seed++) {
            PatientModel model = new PatientModel(Profile.DETERIORATING, seed, START, Duration.ofSeconds(30), RUN);
            News2 news2 = new News2();
            Instant five = null;
            Instant seven = null;
            for (Reading r : run(Profile.DETERIORATING, seed)) {
                int score = news2.add(r);
                if (score >= 5 && five == null) {
                    five = r.at();
                }
                if (score >= 7 && seven == null) {
                    seven = r.at();
                }
            }
            assertThat(five).as("seed %d reaches 5", seed).isNotNull();
            assertThat(seven).as("seed %d reaches 7", seed).isNotNull();
            assertThat(five).isBefore(seven).isAfter(model.onsetAt());
            assertThat(Duration.between(model.onsetAt(), seven)).isLessThanOrEqualTo(Duration.ofMinutes(90));
        }
    }

    @Test
    void heartRateAndSpo2AreMeasuredEvery30sTemperatureHourlyAndBloodPressureFourTimesADay() {
        Duration day = Duration.ofDays(1);
        List<Reading> readings = run(Profile.STABLE, 7, day);
        long heart = readings.stream().filter(r -> r.values().containsKey(VitalMetric.HEART_RATE)).count();
        long temperature = readings.stream().filter(r -> r.values().containsKey(VitalMetric.TEMPERATURE)).count();
        long pressure = readings.stream().filter(r -> r.values().containsKey(VitalMetric.SYSTOLIC_BP)).count();
        assertThat(heart).isBetween(day.toSeconds() / 30 - 1, day.toSeconds() / 30 + 1);
        assertThat(temperature).isBetween(23L, 25L);
        assertThat(pressure).isBetween(4L, 5L);
        assertThat(readings).isSortedAccordingTo((a, b) -> a.at().compareTo(b.at()));
    }

    @Test
    void aSilentDeviceStopsAndAnArtefactIsAOneOffSpike() {
        PatientModel silent = new PatientModel(Profile.SILENT, 3, START, Duration.ofSeconds(30), RUN);
        List<Reading> sent = run(Profile.SILENT, 3);
        assertThat(sent).isNotEmpty().allSatisfy(r -> assertThat(r.at()).isBefore(silent.silentAt()));
        assertThat(silent.silentAt()).isBefore(START.plus(RUN));

        List<Reading> noisy = run(Profile.ARTEFACTS, 5);
        List<Integer> spikes = new ArrayList<>();
        for (int i = 0; i < noisy.size(); i++) {
            Double hr = noisy.get(i).values().get(VitalMetric.HEART_RATE);
            Double spo2 = noisy.get(i).values().get(VitalMetric.SPO2);
            if ((hr != null && hr > 150) || (spo2 != null && spo2 < 80)) {
                spikes.add(i);
            }
        }
        assertThat(spikes).hasSizeGreaterThan(3);
        for (int i : spikes) { // the reading after a spike is normal again
            assertThat(spikes).doesNotContain(i + 1);
        }
    }
}
