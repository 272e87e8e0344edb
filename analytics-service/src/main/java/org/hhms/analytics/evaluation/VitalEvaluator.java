package org.hhms.analytics.evaluation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.hhms.analytics.anomaly.AllClear;
import org.hhms.analytics.anomaly.Anomaly;
import org.hhms.analytics.anomaly.AnomalyEvents;
import org.hhms.analytics.anomaly.AnomalyRepository;
import org.hhms.analytics.anomaly.Confirmation;
import org.hhms.analytics.anomaly.ConditionRepository;
import org.hhms.analytics.config.AnalyticsProperties;
import org.hhms.analytics.news2.News2Band;
import org.hhms.analytics.news2.News2Baseline;
import org.hhms.analytics.news2.News2Calculator;
import org.hhms.analytics.news2.News2Parameter;
import org.hhms.analytics.news2.News2Score;
import org.hhms.analytics.news2.News2StateRepository;
import org.hhms.analytics.threshold.ThresholdRule;
import org.hhms.analytics.threshold.ThresholdService;
import org.hhms.contracts.alarms.AnomalyKind;
import org.hhms.contracts.alarms.Severity;
import org.hhms.web.SqlArrays;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Judges readings, a batch in one transaction: thresholds per metric, the patient's NEWS2, and the end of any
 * silence.
 * Each anomaly has a dedupe key per rule and reading, so judging a reading twice stores and announces nothing new;
 * a condition that clears announces its all-clear once.
 *
 * <p>Confirmation before paging (docs/analytics.md): a critical breach in a reading with no implausible jump is
 * announced at once, and the rest of that reading with it. Any other breach opens its condition <em>held</em>: a
 * later plausible breaching reading confirms it (for SpO2 only once the breach has lasted 15 s; a reading that is
 * itself an implausible jump confirms nothing and keeps it held), so does a breach that recurs within the window
 * after a contradicted one, a reading back in range
 * contradicts it (recorded, paged nobody), and if neither comes in time it is announced anyway ({@link HeldBreaches}).
 * The evidence: paging only after a breach persists cut rescue events by 65 % (Taenzer 2010); a 15 s SpO2 delay
 * removed 60 % of SpO2 alarms (Welch 2011); most non-actionable alarms are brief (Drew 2014). The cost: a true
 * non-critical breach pages one reading later (about a minute for a home monitor), at most {@code window} (5 min)
 * when no reading follows; a true sudden critical event that looks like an artefact pages at its second reading,
 * or {@code artefact-window} (2 min) after the first if none follows.
 */
@Service
public class VitalEvaluator {

    /** A NEWS2 this far above the patient's baseline is a deterioration (Kellett & Murray 2014). */
    static final int TREND_RISE = 3;

    /** Why a condition is held. */
    static final String UNCONFIRMED = "unconfirmed";
    static final String SUSPECTED_ARTEFACT = "suspected_artefact";

    private final ThresholdService thresholds;
    private final AnomalyRepository anomalies;
    private final ConditionRepository conditions;
    private final News2StateRepository news2;
    private final News2Baseline baselines;
    private final PatientLocks locks;
    private final AnomalyEvents events;
    private final AllClear allClear;
    private final HeldBreaches heldBreaches;
    private final JdbcClient jdbc;
    private final AnalyticsProperties properties;
    private final Clock clock;

    public VitalEvaluator(ThresholdService thresholds, AnomalyRepository anomalies, ConditionRepository conditions,
            News2StateRepository news2, News2Baseline baselines, AnomalyEvents events, AllClear allClear,
            HeldBreaches heldBreaches, PatientLocks locks, JdbcClient jdbc, AnalyticsProperties properties,
            Clock clock) {
        this.thresholds = thresholds;
        this.anomalies = anomalies;
        this.conditions = conditions;
        this.news2 = news2;
        this.baselines = baselines;
        this.events = events;
        this.allClear = allClear;
        this.heldBreaches = heldBreaches;
        this.locks = locks;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** A breach found in one reading, before it is decided whether it pages now. */
    private record Finding(Anomaly anomaly, String dedupeKey, AnomalyEvents.Details details, boolean suspect,
            Duration persist) {
    }

    /** Returns the anomalies this reading raised that were not already known (announced or held). */
    @Transactional
    public List<Anomaly> evaluate(VitalReading reading) {
        return evaluate(List.of(reading));
    }

    /**
     * Judges readings in their order, in one transaction under their patients' locks, and returns the anomalies they
     * raised that were not already known. What the readings' patients are (conditions, rules, NEWS2 values) is read
     * once for the whole list and written back once ({@link BatchState}).
     */
    @Transactional
    public List<Anomaly> evaluate(List<VitalReading> readings) {
        if (readings.isEmpty()) {
            return List.of();
        }
        Set<UUID> patients = readings.stream().map(VitalReading::patientId)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        locks.lock(patients);
        noteActivity(readings);
        BatchState state = new BatchState(patients, conditions, thresholds, news2, baselines);
        List<Anomaly> found = new ArrayList<>();
        for (VitalReading reading : readings) {
            found.addAll(evaluate(reading, state));
        }
        state.store();
        return found;
    }

    private List<Anomaly> evaluate(VitalReading reading, BatchState state) {
        UUID patient = reading.patientId();
        Map<String, ConditionRepository.Open> open = state.open(patient);
        Map<News2Parameter, News2StateRepository.Previous> previous = new EnumMap<>(News2Parameter.class);
        boolean carriesNews2 = rememberNews2Values(reading, previous, state);
        Set<String> jumped = jumps(reading, previous);
        List<Finding> findings = new ArrayList<>();
        Map<String, ThresholdRule> rules = state.rules(patient);
        reading.metrics().forEach((metric, value) -> {
            ThresholdRule rule = rules.get(metric);
            if (rule != null) {
                judgeThreshold(reading, metric, value, rule, open, jumped, state).ifPresent(findings::add);
            }
        });
        if (carriesNews2) {
            News2Score score = scoreAt(state.news2(patient), reading.recordedAt());
            judgeNews2(reading, score, rules, open, jumped, state).ifPresent(findings::add);
            judgeTrend(reading, score, open, jumped, state).ifPresent(findings::add);
        }
        if (!findings.isEmpty()) {
            state.conditionsChanged(patient); // deciding on them opens, raises or confirms conditions
        }
        // A reading that pages a critical breach at once is believed as a whole: its other breaches join it rather
        // than wait (the episode is paged anyway, and the doctor sees everything that is wrong).
        boolean believed = findings.stream().anyMatch(f -> f.anomaly().severity() == Severity.CRITICAL && !f.suspect());
        List<Anomaly> found = new ArrayList<>();
        for (Finding finding : findings) {
            decide(reading, finding, open.get(finding.anomaly().conditionKey()), believed).ifPresent(found::add);
        }
        return found;
    }

    private Optional<Finding> judgeThreshold(VitalReading reading, String metric, double value, ThresholdRule rule,
            Map<String, ConditionRepository.Open> open, Set<String> jumped, BatchState state) {
        String conditionKey = reading.patientId() + ":" + metric + ":threshold";
        Optional<ThresholdRule.Breach> breach = rule.judge(value);
        if (breach.isEmpty()) {
            ConditionRepository.Open condition = open.get(conditionKey);
            if (condition != null && !contradicted(condition, conditionKey, reading, state) && rule.clears(value)) {
                backInRange(condition, conditionKey, AnomalyKind.THRESHOLD, metric,
                        metric + " back in range (" + ThresholdRule.format(value) + ")", reading, state);
            }
            return Optional.empty();
        }
        ThresholdRule.Breach b = breach.get();
        Anomaly anomaly = new Anomaly(UUID.randomUUID(), reading.patientId(), AnomalyKind.THRESHOLD, metric, b.bound(),
                b.severity(), value, b.description(), reading.recordedAt(), reading.readingId(), rule.thresholdId(),
                conditionKey, now(), Confirmation.ANNOUNCED);
        return Optional.of(new Finding(anomaly, reading.readingId() + ":threshold:" + metric,
                AnomalyEvents.Details.limit(b.limit()), jumped.contains(metric), persistFor(metric, rule)));
    }

    private Optional<Finding> judgeNews2(VitalReading reading, News2Score score, Map<String, ThresholdRule> rules,
            Map<String, ConditionRepository.Open> open, Set<String> jumped, BatchState state) {
        UUID patient = reading.patientId();
        String conditionKey = patient + ":news2";
        News2Band band = score.band();
        if (band.severity() == null) {
            ConditionRepository.Open condition = open.get(conditionKey);
            if (condition != null && !contradicted(condition, conditionKey, reading, state)) {
                backInRange(condition, conditionKey, AnomalyKind.NEWS2, null,
                        "NEWS2 back to " + score.aggregate() + " (low risk)", reading, state);
            }
            return Optional.empty();
        }
        String description = "NEWS2 " + score.aggregate() + ": " + band.risk()
                + (score.partial() ? " (partial: missing " + score.missing().stream().map(News2Parameter::json)
                        .collect(Collectors.joining(", ")) + ")" : "");
        Anomaly anomaly = new Anomaly(UUID.randomUUID(), patient, AnomalyKind.NEWS2, null, "news2_" + band.name().toLowerCase(),
                band.severity(), (double) score.aggregate(), description, reading.recordedAt(), reading.readingId(),
                null, conditionKey, now(), Confirmation.ANNOUNCED);
        // The score rests on every value of this reading: one implausible jump makes the whole score suspect, and
        // it must persist as long as the slowest of them (a NEWS2 band from a SpO2 dip waits as long as the dip).
        Duration persist = reading.metrics().keySet().stream().map(metric -> persistFor(metric, rules.get(metric)))
                .max(Duration::compareTo).orElse(Duration.ZERO);
        return Optional.of(new Finding(anomaly, reading.readingId() + ":news2", AnomalyEvents.Details.news2(
                score.aggregate(), score.partial(), score.missing().stream().map(News2Parameter::json).toList()),
                !jumped.isEmpty(), persist));
    }

    /**
     * A deterioration warning before any band: a complete NEWS2 of 3 or more above the patient's own baseline
     * (Kellett & Murray 2014: a rise from 0–2 to 3 or more carries ten times the mortality). It clears once the score
     * is back within 1 of the baseline. Only a complete score counts: a partial one says nothing of what it missed.
     * The baseline is looked up only when the score could be a rise, or while the trend is open.
     */
    private Optional<Finding> judgeTrend(VitalReading reading, News2Score score,
            Map<String, ConditionRepository.Open> open, Set<String> jumped, BatchState state) {
        if (score.partial()) {
            return Optional.empty();
        }
        UUID patient = reading.patientId();
        String conditionKey = patient + ":news2_trend";
        ConditionRepository.Open condition = open.get(conditionKey);
        boolean couldRise = score.aggregate() >= TREND_RISE && score.band().severity() == null;
        OptionalDouble baseline = couldRise || condition != null ? state.baseline(patient, reading.recordedAt())
                : OptionalDouble.empty();
        state.recordScore(patient, reading.recordedAt(), score.aggregate());
        if (baseline.isEmpty()) {
            return Optional.empty();
        }
        double usual = baseline.getAsDouble();
        if (condition != null && score.aggregate() <= usual + 1) {
            if (!contradicted(condition, conditionKey, reading, state)) {
                backInRange(condition, conditionKey, AnomalyKind.TREND, null, "NEWS2 back to "
                        + score.aggregate() + ", near the patient's usual " + ThresholdRule.format(usual), reading,
                        state);
            }
            return Optional.empty();
        }
        if (!couldRise || score.aggregate() < usual + TREND_RISE) {
            return Optional.empty();
        }
        Anomaly anomaly = new Anomaly(UUID.randomUUID(), patient, AnomalyKind.TREND, null, "news2_rise",
                Severity.WARNING, (double) score.aggregate(), "NEWS2 " + score.aggregate() + " rising: "
                        + ThresholdRule.format(score.aggregate() - usual) + " above the patient's usual "
                        + ThresholdRule.format(usual) + " (deterioration)",
                reading.recordedAt(), reading.readingId(), null, conditionKey, now(), Confirmation.ANNOUNCED);
        return Optional.of(new Finding(anomaly, reading.readingId() + ":news2_trend",
                AnomalyEvents.Details.news2(score.aggregate(), false, List.of()), !jumped.isEmpty(), Duration.ZERO));
    }

    /**
     * A reading back in range for a held condition contradicts it: the held anomalies are kept as
     * {@code contradicted}, nobody is paged, and {@code anomaly.contradicted} tells an open episode for its history. Returns whether that happened (false for a confirmed condition, or a
     * reading older than the breach).
     */
    private boolean contradicted(ConditionRepository.Open condition, String conditionKey, VitalReading reading,
            BatchState state) {
        if (condition.confirmed() || !conditions.contradict(conditionKey, reading.recordedAt())) {
            return false;
        }
        events.contradicted(anomalies.endHold(conditionKey, Confirmation.CONTRADICTED), reading.readingId(),
                reading.recordedAt(), reading.traceId());
        state.conditionsChanged(reading.patientId());
        return true;
    }

    /**
     * A reading back in range for an open condition: the condition ends (with its all-clear) once the patient has
     * been back in range for {@code clear-after} ({@link AllClear#ifClearedBy}). What that statement would decide is
     * known from the batch's state in the common cases, which then cost no statement: a reading older than the last
     * breach changes nothing, nor does one while a clearing already under way has not lasted long enough — every
     * reading of a patient in a long condition would otherwise cost a write and a re-read of their conditions.
     */
    private void backInRange(ConditionRepository.Open condition, String conditionKey, AnomalyKind kind, String metric,
            String description, VitalReading reading, BatchState state) {
        Instant at = asStored(reading.recordedAt()); // as the statement would compare it
        Instant since = condition.clearingSince();
        if (at.isBefore(condition.lastReadingAt())
                || since != null && at.isBefore(since.plus(properties.confirmation().clearAfter()))) {
            return;
        }
        if (allClear.ifClearedBy(reading.patientId(), conditionKey, kind, metric, description, cause(reading))) {
            state.conditionsChanged(reading.patientId());
        } else {
            state.clearing(reading.patientId(), conditionKey, since == null ? at : since);
        }
    }

    /**
     * Announces the finding now, holds it, or lets it confirm a held condition (which then announces everything it
     * held). Returns the anomaly unless this reading was judged before.
     */
    private Optional<Anomaly> decide(VitalReading reading, Finding finding, ConditionRepository.Open condition,
            boolean believed) {
        Anomaly anomaly = finding.anomaly();
        // Only a plausible reading confirms a held condition: an artefact followed by another artefact (a pulse
        // counted twice, then a clip slipping) is two suspect readings, not a confirmation. Both metrics share the
        // NEWS2 condition, so without this the second artefact would page the first's NEWS2 band.
        boolean announce = condition == null ? believed || recurs(finding)
                : condition.confirmed() || believed || !finding.suspect() && confirms(anomaly, condition);
        if (!announce) {
            Anomaly held = anomaly.withConfirmation(Confirmation.HELD);
            if (!anomalies.insert(held, finding.dedupeKey(), finding.details())) {
                return Optional.empty();
            }
            if (condition == null) {
                Duration window = finding.suspect() ? properties.confirmation().artefactWindow()
                        : properties.confirmation().window();
                Instant confirmAfter = finding.suspect() ? anomaly.timestamp()
                        : anomaly.timestamp().plus(finding.persist());
                conditions.openHeld(held, finding.suspect() ? SUSPECTED_ARTEFACT : UNCONFIRMED, confirmAfter,
                        now().plus(window));
            } else {
                conditions.open(held); // still held: the higher severity, the newer reading
            }
            return Optional.of(held);
        }
        if (!anomalies.insert(anomaly, finding.dedupeKey(), finding.details())) {
            return Optional.empty();
        }
        if (condition != null && !condition.confirmed()) {
            heldBreaches.confirm(anomaly.conditionKey(), reading.traceId());
        }
        conditions.open(anomaly);
        events.detected(anomaly, reading.traceId(), finding.details());
        return Optional.of(anomaly);
    }

    /**
     * A plausible breach of a condition whose plausible hold a reading contradicted within the confirmation window
     * (reading time) confirms at once: a breach that comes and goes — NEWS2 wavering 4, 5, 4, 5 as a patient
     * deteriorates — is intermittent, not an artefact, and waiting for two breaching readings in a row could put the
     * page off for as long as it wavers (6.5 simulated minutes in the cohort benchmark). Repeated brief breaches
     * adding up is how pulse-oximetry alarm management counts them too (cumulative "SatSeconds" rather than one
     * continuous dip). Artefacts are unaffected: a suspected artefact neither counts as such a hold nor confirms one.
     */
    private boolean recurs(Finding finding) {
        Anomaly anomaly = finding.anomaly();
        return !finding.suspect() && conditions.contradictedWithin(anomaly.conditionKey(), UNCONFIRMED,
                anomaly.timestamp(), properties.confirmation().window());
    }

    /** How long a breach of the metric must last before it pages: the patient's care plan, else the default. */
    private Duration persistFor(String metric, ThresholdRule rule) {
        return rule != null && rule.persist() != null ? rule.persist()
                : properties.confirmation().persistFor(metric);
    }

    /** A later breaching reading confirms a held condition, once the metric's persistence is reached. */
    private static boolean confirms(Anomaly anomaly, ConditionRepository.Open condition) {
        Instant first = condition.firstReadingAt() == null ? condition.lastReadingAt() : condition.firstReadingAt();
        Instant after = condition.confirmAfter() == null ? first : condition.confirmAfter();
        return anomaly.timestamp().isAfter(first) && !anomaly.timestamp().isBefore(after);
    }

    /**
     * The metrics of this reading whose value jumped from the patient's previous one (taken within
     * {@code jump-within}) by more than is physiologically plausible between two readings: a pulse counted twice, a
     * SpO2 probe slipping.
     */
    private Set<String> jumps(VitalReading reading, Map<News2Parameter, News2StateRepository.Previous> previous) {
        Set<String> jumped = new HashSet<>();
        AnalyticsProperties.Confirmation settings = properties.confirmation();
        previous.forEach((parameter, before) -> {
            String metric = parameter.json();
            Double value = reading.metrics().get(metric);
            Double limit = settings.jump().get(metric);
            if (value != null && limit != null && before.recordedAt().isBefore(reading.recordedAt())
                    && !before.recordedAt().isBefore(reading.recordedAt().minus(settings.jumpWithin()))
                    && Math.abs(value - before.value()) > limit) {
                jumped.add(metric);
            }
        });
        return jumped;
    }

    /** The patient's NEWS2 from the newest value of each parameter within the window ending at {@code at}. */
    public News2Score scoreAt(UUID patientId, Instant at) {
        return scoreAt(news2.load(List.of(patientId)).get(patientId), at);
    }

    private News2Score scoreAt(News2StateRepository.Stored stored, Instant at) {
        News2StateRepository.Snapshot snapshot = stored.within(at.minus(properties.news2Window()), at);
        return News2Calculator.score(snapshot.values(), snapshot.spo2Scale());
    }

    /**
     * Stores the reading's NEWS2 parameters, putting what was stored before into {@code previous}; false when it
     * carries none (its NEWS2 cannot have changed).
     */
    private boolean rememberNews2Values(VitalReading reading,
            Map<News2Parameter, News2StateRepository.Previous> previous, BatchState state) {
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
        previous.putAll(state.remember(reading.patientId(), values, reading.recordedAt()));
        return !values.isEmpty();
    }

    /**
     * The patients are sending: remember when (one statement for the batch), and end each silence there was, caused
     * by the patient's first reading of the batch.
     */
    private void noteActivity(List<VitalReading> readings) {
        Map<UUID, Instant> latest = new LinkedHashMap<>();
        Map<UUID, VitalReading> first = new HashMap<>();
        for (VitalReading reading : readings) {
            Instant received = reading.receivedAt() == null ? now() : reading.receivedAt();
            latest.merge(reading.patientId(), received, (a, b) -> a.isAfter(b) ? a : b);
            first.putIfAbsent(reading.patientId(), reading);
        }
        List<Map.Entry<UUID, Instant>> rows = List.copyOf(latest.entrySet());
        // The sub-select in RETURNING sees the rows as they were before this statement: "was the patient silent?"
        List<UUID> wereStale = jdbc.sql("""
                INSERT INTO patient_activity AS a (patient_id, last_received_at)
                SELECT * FROM unnest(CAST(:patients AS uuid[]), CAST(:times AS timestamptz[]))
                ON CONFLICT (patient_id) DO UPDATE
                   SET last_received_at = greatest(a.last_received_at, excluded.last_received_at),
                       stale_since = CASE WHEN excluded.last_received_at > a.last_received_at THEN NULL
                                          ELSE a.stale_since END
                RETURNING a.patient_id,
                          (SELECT stale_since IS NOT NULL FROM patient_activity b WHERE b.patient_id = a.patient_id)
                """).param("patients", SqlArrays.of(rows, Map.Entry::getKey))
                .param("times", SqlArrays.ofInstants(rows, Map.Entry::getValue))
                .query((rs, row) -> rs.getBoolean(2) ? rs.getObject(1, UUID.class) : null).list();
        for (UUID patient : wereStale) {
            if (patient != null) {
                allClear.now(patient, patient + ":stale_data", AnomalyKind.STALE_DATA, "Readings arrive again",
                        cause(first.get(patient)));
            }
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

    /** A time as PostgreSQL stores and compares it: rounded to the nearest microsecond (not truncated). */
    static Instant asStored(Instant time) {
        Instant micros = time.truncatedTo(ChronoUnit.MICROS);
        return time.getNano() % 1000 >= 500 ? micros.plusNanos(1000) : micros;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

}
