package org.hhms.analytics.evaluation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.hhms.analytics.anomaly.AllClear;
import org.hhms.analytics.anomaly.Anomaly;
import org.hhms.analytics.anomaly.AnomalyEvents;
import org.hhms.analytics.anomaly.AnomalyRepository;
import org.hhms.analytics.anomaly.ConditionRepository;
import org.hhms.analytics.config.AnalyticsProperties;
import org.hhms.analytics.news2.News2Band;
import org.hhms.analytics.news2.News2Calculator;
import org.hhms.analytics.news2.News2Parameter;
import org.hhms.analytics.news2.News2Score;
import org.hhms.analytics.news2.News2StateRepository;
import org.hhms.analytics.threshold.ThresholdRule;
import org.hhms.analytics.threshold.ThresholdService;
import org.hhms.contracts.alarms.AnomalyKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Judges one reading, in one transaction: thresholds per metric, the patient's NEWS2, and the end of any silence.
 * Each anomaly has a dedupe key per rule and reading, so judging a reading twice stores and announces nothing new;
 * a condition that clears announces its all-clear once.
 */
@Service
public class VitalEvaluator {

    private final ThresholdService thresholds;
    private final AnomalyRepository anomalies;
    private final ConditionRepository conditions;
    private final News2StateRepository news2;
    private final AnomalyEvents events;
    private final AllClear allClear;
    private final JdbcClient jdbc;
    private final AnalyticsProperties properties;
    private final Clock clock;

    public VitalEvaluator(ThresholdService thresholds, AnomalyRepository anomalies, ConditionRepository conditions,
            News2StateRepository news2, AnomalyEvents events, AllClear allClear, JdbcClient jdbc,
            AnalyticsProperties properties, Clock clock) {
        this.thresholds = thresholds;
        this.anomalies = anomalies;
        this.conditions = conditions;
        this.news2 = news2;
        this.events = events;
        this.allClear = allClear;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** Returns the anomalies this reading raised that were not already known. */
    @Transactional
    public List<Anomaly> evaluate(VitalReading reading) {
        List<Anomaly> found = new ArrayList<>();
        noteActivity(reading);
        // Read once which conditions are open, so a normal value costs no statement at all.
        Map<String, Instant> open = conditions.openFor(reading.patientId());
        Map<String, ThresholdRule> rules = thresholds.rulesFor(reading.patientId());
        reading.metrics().forEach((metric, value) -> {
            ThresholdRule rule = rules.get(metric);
            if (rule != null) {
                judgeThreshold(reading, metric, value, rule, open).ifPresent(found::add);
            }
        });
        if (rememberNews2Values(reading)) {
            judgeNews2(reading, open).ifPresent(found::add);
        }
        return found;
    }

    private Optional<Anomaly> judgeThreshold(VitalReading reading, String metric, double value, ThresholdRule rule,
            Map<String, Instant> open) {
        String conditionKey = reading.patientId() + ":" + metric + ":threshold";
        Optional<ThresholdRule.Breach> breach = rule.judge(value);
        if (breach.isEmpty()) {
            if (open.containsKey(conditionKey) && rule.clears(value)) {
                allClear.ifClearedBy(reading.patientId(), conditionKey, AnomalyKind.THRESHOLD, metric,
                        metric + " back in range (" + ThresholdRule.format(value) + ")", cause(reading));
            }
            return Optional.empty();
        }
        ThresholdRule.Breach b = breach.get();
        Anomaly anomaly = new Anomaly(UUID.randomUUID(), reading.patientId(), AnomalyKind.THRESHOLD, metric, b.bound(),
                b.severity(), value, b.description(), reading.recordedAt(), reading.readingId(), rule.thresholdId(),
                conditionKey, now());
        return record(anomaly, reading.readingId() + ":threshold:" + metric, reading.traceId(),
                AnomalyEvents.Details.limit(b.limit()));
    }

    private Optional<Anomaly> judgeNews2(VitalReading reading, Map<String, Instant> open) {
        UUID patient = reading.patientId();
        News2Score score = scoreAt(patient, reading.recordedAt());
        String conditionKey = patient + ":news2";
        News2Band band = score.band();
        if (band.severity() == null) {
            if (open.containsKey(conditionKey)) {
                allClear.ifClearedBy(patient, conditionKey, AnomalyKind.NEWS2, null,
                        "NEWS2 back to " + score.aggregate() + " (low risk)", cause(reading));
            }
            return Optional.empty();
        }
        String description = "NEWS2 " + score.aggregate() + ": " + band.risk()
                + (score.partial() ? " (partial: missing " + score.missing().stream().map(News2Parameter::json)
                        .collect(Collectors.joining(", ")) + ")" : "");
        Anomaly anomaly = new Anomaly(UUID.randomUUID(), patient, AnomalyKind.NEWS2, null, "news2_" + band.name().toLowerCase(),
                band.severity(), (double) score.aggregate(), description, reading.recordedAt(), reading.readingId(),
                null, conditionKey, now());
        return record(anomaly, reading.readingId() + ":news2", reading.traceId(), AnomalyEvents.Details.news2(
                score.aggregate(), score.partial(), score.missing().stream().map(News2Parameter::json).toList()));
    }

    /** The patient's NEWS2 from the newest value of each parameter within the window ending at {@code at}. */
    public News2Score scoreAt(UUID patientId, Instant at) {
        News2StateRepository.Snapshot snapshot = news2.snapshot(patientId, at.minus(properties.news2Window()), at);
        return News2Calculator.score(snapshot.values(), snapshot.spo2Scale());
    }

    private Optional<Anomaly> record(Anomaly anomaly, String dedupeKey, String traceId,
            AnomalyEvents.Details details) {
        if (!anomalies.insert(anomaly, dedupeKey)) {
            return Optional.empty();
        }
        conditions.open(anomaly);
        events.detected(anomaly, traceId, details);
        return Optional.of(anomaly);
    }

    /** Stores the reading's NEWS2 parameters; false when it carries none (its NEWS2 cannot have changed). */
    private boolean rememberNews2Values(VitalReading reading) {
        Map<News2Parameter, Double> values = new LinkedHashMap<>();
        put(values, News2Parameter.RESPIRATORY_RATE, reading.metrics().get("respiratory_rate"));
        put(values, News2Parameter.SPO2, reading.metrics().get("spo2"));
        put(values, News2Parameter.SYSTOLIC_BP, reading.metrics().get("systolic_bp"));
        put(values, News2Parameter.HEART_RATE, reading.metrics().get("heart_rate"));
        put(values, News2Parameter.TEMPERATURE, reading.metrics().get("temperature"));
        if (reading.onOxygen() != null) {
            values.put(News2Parameter.ON_OXYGEN, reading.onOxygen() ? 1.0 : 0.0);
        }
        if (reading.consciousness() != null) {
            values.put(News2Parameter.CONSCIOUSNESS, "alert".equals(reading.consciousness()) ? 0.0 : 1.0);
        }
        news2.remember(reading.patientId(), values, reading.recordedAt());
        return !values.isEmpty();
    }

    /** The patient is sending: remember when, and end a silence if there was one. */
    private void noteActivity(VitalReading reading) {
        Instant received = reading.receivedAt() == null ? now() : reading.receivedAt();
        // The sub-select in RETURNING sees the row as it was before this statement: "was the patient silent?"
        Boolean wasStale = jdbc.sql("""
                INSERT INTO patient_activity AS a (patient_id, last_received_at) VALUES (:p, :t)
                ON CONFLICT (patient_id) DO UPDATE
                   SET last_received_at = greatest(a.last_received_at, excluded.last_received_at),
                       stale_since = CASE WHEN excluded.last_received_at > a.last_received_at THEN NULL
                                          ELSE a.stale_since END
                RETURNING (SELECT stale_since IS NOT NULL FROM patient_activity WHERE patient_id = :p)
                """).param("p", reading.patientId()).param("t", Timestamp.from(received)).query(Boolean.class)
                .optional().orElse(false);
        String conditionKey = reading.patientId() + ":stale_data";
        if (Boolean.TRUE.equals(wasStale)) {
            allClear.now(reading.patientId(), conditionKey, AnomalyKind.STALE_DATA, "Readings arrive again",
                    cause(reading));
        }
    }

    private static void put(Map<News2Parameter, Double> values, News2Parameter parameter, Double value) {
        if (value != null) {
            values.put(parameter, value);
        }
    }

    private static AllClear.Cause cause(VitalReading reading) {
        return new AllClear.Cause(reading.readingId(), reading.recordedAt(), reading.traceId());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

}
