package org.hhms.analytics.evaluation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.UUID;

import org.hhms.analytics.anomaly.ConditionRepository;
import org.hhms.analytics.news2.News2Baseline;
import org.hhms.analytics.news2.News2Parameter;
import org.hhms.analytics.news2.News2StateRepository;
import org.hhms.analytics.news2.News2StateRepository.Previous;
import org.hhms.analytics.threshold.ThresholdRule;
import org.hhms.analytics.threshold.ThresholdService;

/**
 * What judging a batch of readings knows of its patients: read in three statements when the batch starts (open
 * conditions, threshold rules, NEWS2 values with the SpO2 scale), kept in memory while its readings are judged one
 * after the other, and written back in two when it ends (the newest NEWS2 values, the hourly lowest scores). The
 * batch holds its patients' locks ({@link PatientLocks}), so nobody changes this state in between; a normal reading
 * therefore costs no statement of its own. Open conditions change only where a reading raised, confirmed,
 * contradicted or closed one: that patient's are read again before their next reading. A reading back in range for
 * an open condition only starts (or continues) its clearing, which is kept here too.
 */
final class BatchState {

    private final ConditionRepository conditions;
    private final News2StateRepository news2;
    private final News2Baseline baselines;
    private final Map<UUID, Map<String, ConditionRepository.Open>> open;
    private final Set<UUID> openChanged = new HashSet<>();
    private final Map<UUID, Map<String, ThresholdRule>> rules;
    private final Map<UUID, News2StateRepository.Stored> values;
    private final Map<String, News2StateRepository.Value> changedValues = new LinkedHashMap<>();
    private final Map<String, News2Baseline.Score> lowestScores = new LinkedHashMap<>();

    BatchState(Collection<UUID> patients, ConditionRepository conditions, ThresholdService thresholds,
            News2StateRepository news2, News2Baseline baselines) {
        this.conditions = conditions;
        this.news2 = news2;
        this.baselines = baselines;
        this.open = conditions.openFor(patients);
        this.rules = thresholds.rulesFor(patients);
        this.values = news2.load(patients);
    }

    /** The patient's open conditions by key. */
    Map<String, ConditionRepository.Open> open(UUID patient) {
        if (openChanged.remove(patient)) {
            open.put(patient, conditions.openFor(patient));
        }
        return open.getOrDefault(patient, Map.of());
    }

    /** A reading of the patient opened, changed or closed conditions: read them again before the next one. */
    void conditionsChanged(UUID patient) {
        openChanged.add(patient);
    }

    /** The patient has been back in range for the condition since {@code since} (as now stored). */
    void clearing(UUID patient, String conditionKey, Instant since) {
        Map<String, ConditionRepository.Open> patientOpen = open.get(patient);
        ConditionRepository.Open condition = patientOpen == null ? null : patientOpen.get(conditionKey);
        if (condition != null && !openChanged.contains(patient)) {
            patientOpen.put(conditionKey, condition.clearingSince(since));
        }
    }

    /** The patient's threshold rule per metric. */
    Map<String, ThresholdRule> rules(UUID patient) {
        return rules.get(patient);
    }

    /**
     * Keeps a reading's NEWS2 values, each where it is not older than the one kept (as the stored upsert does), and
     * returns the values kept before it for the same parameters (to tell a jump from a trend).
     */
    Map<News2Parameter, Previous> remember(UUID patient, Map<News2Parameter, Double> readingValues, Instant at) {
        Map<News2Parameter, Previous> kept = values.get(patient).values();
        Map<News2Parameter, Previous> previous = new EnumMap<>(News2Parameter.class);
        readingValues.forEach((parameter, value) -> {
            Previous before = kept.get(parameter);
            if (before != null) {
                previous.put(parameter, before);
            }
            if (before == null || !before.recordedAt().isAfter(at)) {
                kept.put(parameter, new Previous(value, at));
                changedValues.put(patient + ":" + parameter,
                        new News2StateRepository.Value(patient, parameter, value, at));
            }
        });
        return previous;
    }

    /** The patient's NEWS2 values as kept so far in the batch, with the SpO2 scale. */
    News2StateRepository.Stored news2(UUID patient) {
        return values.get(patient);
    }

    /** A complete score taken at {@code at}: its hour keeps the lowest. */
    void recordScore(UUID patient, Instant at, int score) {
        News2Baseline.Score hourly = News2Baseline.Score.at(patient, at, score);
        lowestScores.merge(patient + ":" + hourly.hour(), hourly, (a, b) -> a.score() <= b.score() ? a : b);
    }

    /** The patient's baseline at {@code at} (rare: only where a score could be a rise), with this batch's scores. */
    OptionalDouble baseline(UUID patient, Instant at) {
        storeScores();
        return baselines.at(patient, at);
    }

    /** Writes back what the batch changed. */
    void store() {
        news2.store(new ArrayList<>(changedValues.values()));
        changedValues.clear();
        storeScores();
    }

    private void storeScores() {
        baselines.record(lowestScores.values());
        lowestScores.clear();
    }
}
