package org.hhms.analytics.anomaly;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hhms.contracts.alarms.AnomalyKind;
import org.hhms.contracts.alarms.Severity;
import org.hhms.web.SqlArrays;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Conditions currently open, so the reading that clears one announces the all-clear exactly once. */
@Repository
public class ConditionRepository {

    private final JdbcClient jdbc;

    public ConditionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Opens the condition (confirmed), or keeps it open with the higher severity and the newer reading time (held
     * or confirmed, as it was).
     */
    public void open(Anomaly anomaly) {
        jdbc.sql("""
                INSERT INTO open_conditions (condition_key, patient_id, kind, metric, severity, opened_at, last_reading_at)
                VALUES (:key, :patient, :kind, :metric, :severity, :now, :reading)
                ON CONFLICT (condition_key) DO UPDATE
                   SET severity = CASE WHEN array_position(CAST(:order AS text[]), excluded.severity)
                                            > array_position(CAST(:order AS text[]), open_conditions.severity)
                                       THEN excluded.severity ELSE open_conditions.severity END,
                       last_reading_at = greatest(open_conditions.last_reading_at, excluded.last_reading_at),
                       clearing_since = CASE WHEN excluded.last_reading_at >= open_conditions.clearing_since
                                             THEN NULL ELSE open_conditions.clearing_since END
                """).param("key", anomaly.conditionKey()).param("patient", anomaly.patientId())
                .param("kind", anomaly.kind().json()).param("metric", anomaly.metric())
                .param("severity", anomaly.severity().json()).param("order", Severity.inOrder())
                .param("now", Timestamp.from(anomaly.detectedAt()))
                .param("reading", Timestamp.from(anomaly.timestamp())).update();
    }

    /**
     * A reading back in range (not older than the last breach): the condition closes once the patient has been back
     * in range for {@code clearAfter} since the first such reading, else that first reading is remembered. Returns
     * whether it closed (so the all-clear is announced once).
     */
    public boolean closeIfClearedBy(String conditionKey, Instant readingTime, Duration clearAfter) {
        // Compared in SQL: both sides are the reading time as stored (to the microsecond).
        boolean settled = jdbc.sql("""
                UPDATE open_conditions SET clearing_since = coalesce(clearing_since, :reading)
                 WHERE condition_key = :key AND last_reading_at <= :reading
                RETURNING clearing_since + make_interval(secs => :after) <= :reading
                """).param("key", conditionKey).param("reading", Timestamp.from(readingTime))
                .param("after", (double) clearAfter.toMillis() / 1000).query(Boolean.class).optional().orElse(false);
        if (!settled) {
            return false;
        }
        return jdbc.sql("DELETE FROM open_conditions WHERE condition_key = :key").param("key", conditionKey)
                .update() == 1;
    }

    /**
     * An open condition: the time of the reading that last breached it, whether it is confirmed yet, and since when
     * (reading time) the patient has been back in range (null while not).
     */
    public record Open(Instant lastReadingAt, boolean confirmed, Instant firstReadingAt, Instant confirmAfter,
            Instant clearingSince) {

        /** The same condition, back in range since {@code since}. */
        public Open clearingSince(Instant since) {
            return new Open(lastReadingAt, confirmed, firstReadingAt, confirmAfter, since);
        }
    }

    /** The patient's open conditions by key. */
    public Map<String, Open> openFor(UUID patientId) {
        return openFor(List.of(patientId)).getOrDefault(patientId, Map.of());
    }

    /** The open conditions of each patient by key, in one statement (a patient with none is left out). */
    public Map<UUID, Map<String, Open>> openFor(Collection<UUID> patients) {
        Map<UUID, Map<String, Open>> open = new HashMap<>();
        jdbc.sql("""
                SELECT patient_id, condition_key, last_reading_at, confirmed, first_reading_at, confirm_after,
                       clearing_since
                  FROM open_conditions WHERE patient_id = ANY (CAST(:patients AS uuid[]))
                """).param("patients", SqlArrays.of(patients, UUID::toString))
                .query((rs, row) -> open.computeIfAbsent(rs.getObject(1, UUID.class), p -> new HashMap<>())
                        .put(rs.getString(2), new Open(rs.getTimestamp(3).toInstant(), rs.getBoolean(4),
                                instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6)),
                                instant(rs.getTimestamp(7)))))
                .list();
        return open;
    }

    /**
     * Opens the condition as held: not announced until a breaching reading at or after {@code confirmAfter} confirms
     * it, or {@code confirmBy} passes with no reading contradicting it.
     */
    public void openHeld(Anomaly anomaly, String reason, Instant confirmAfter, Instant confirmBy) {
        jdbc.sql("""
                INSERT INTO open_conditions (condition_key, patient_id, kind, metric, severity, opened_at,
                                             last_reading_at, confirmed, hold_reason, first_reading_at, confirm_after,
                                             confirm_by)
                VALUES (:key, :patient, :kind, :metric, :severity, :now, :reading, false, :reason, :reading, :after,
                        :by)
                ON CONFLICT (condition_key) DO NOTHING
                """).param("key", anomaly.conditionKey()).param("patient", anomaly.patientId())
                .param("kind", anomaly.kind().json()).param("metric", anomaly.metric())
                .param("severity", anomaly.severity().json()).param("now", Timestamp.from(anomaly.detectedAt()))
                .param("reading", Timestamp.from(anomaly.timestamp())).param("reason", reason)
                .param("after", Timestamp.from(confirmAfter)).param("by", Timestamp.from(confirmBy)).update();
    }

    /** The held condition is confirmed: from now on it is an ordinary open condition. Returns whether it was held. */
    public boolean confirm(String conditionKey) {
        return jdbc.sql("""
                UPDATE open_conditions SET confirmed = true, confirm_by = NULL
                 WHERE condition_key = :key AND NOT confirmed
                """).param("key", conditionKey).update() == 1;
    }

    /**
     * A reading contradicted the held condition (it is not older than the last breach): the condition is gone, never
     * announced, and the contradiction is remembered (see {@link #contradictedWithin}). Returns whether it was held.
     */
    public boolean contradict(String conditionKey, Instant readingTime) {
        return jdbc.sql("""
                WITH gone AS (
                    DELETE FROM open_conditions
                     WHERE condition_key = :key AND NOT confirmed AND last_reading_at <= :reading
                    RETURNING condition_key, patient_id, hold_reason),
                remembered AS (
                    INSERT INTO contradicted_holds AS c (condition_key, patient_id, hold_reason, contradicted_at)
                    SELECT condition_key, patient_id, coalesce(hold_reason, ''), :reading FROM gone
                    ON CONFLICT (condition_key) DO UPDATE
                       SET hold_reason = excluded.hold_reason, contradicted_at = excluded.contradicted_at
                     WHERE excluded.contradicted_at >= c.contradicted_at)
                SELECT count(*) FROM gone
                """).param("key", conditionKey).param("reading", Timestamp.from(readingTime)).query(Long.class)
                .single() == 1;
    }

    /**
     * Whether a hold of the condition for {@code reason} was contradicted by a reading in
     * {@code [readingTime - window, readingTime]}.
     */
    public boolean contradictedWithin(String conditionKey, String reason, Instant readingTime, Duration window) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM contradicted_holds
                                WHERE condition_key = :key AND hold_reason = :reason
                                  AND contradicted_at BETWEEN :from AND :reading)
                """).param("key", conditionKey).param("reason", reason)
                .param("from", Timestamp.from(readingTime.minus(window)))
                .param("reading", Timestamp.from(readingTime)).query(Boolean.class).single();
    }

    /** Held conditions whose time is up (no reading contradicted them), locked for this instance only. */
    public List<String> lockHeldDue(Instant now, int limit) {
        return jdbc.sql("""
                SELECT condition_key FROM open_conditions
                 WHERE NOT confirmed AND confirm_by <= :now
                 ORDER BY confirm_by LIMIT :limit FOR UPDATE SKIP LOCKED
                """).param("now", Timestamp.from(now)).param("limit", limit).query(String.class).list();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /** A condition that was open, as {@link #closeAll} closed it; {@code confirmed} false if it was still held. */
    public record Closed(String key, AnomalyKind kind, String metric, boolean confirmed) {
    }

    /** Closes every open condition of the patient; returns them. */
    public List<Closed> closeAll(UUID patientId) {
        return jdbc.sql("DELETE FROM open_conditions WHERE patient_id = :p "
                + "RETURNING condition_key, kind, metric, confirmed")
                .param("p", patientId)
                .query((rs, row) -> new Closed(rs.getString("condition_key"),
                        AnomalyKind.fromJson(rs.getString("kind")).orElseThrow(), rs.getString("metric"),
                        rs.getBoolean("confirmed")))
                .list();
    }

    /** Closes the condition whatever reading it saw last; returns whether it was open. */
    public boolean close(String conditionKey) {
        return jdbc.sql("DELETE FROM open_conditions WHERE condition_key = :key").param("key", conditionKey)
                .update() == 1;
    }

}
