package org.hhms.analytics.anomaly;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hhms.contracts.alarms.AnomalyKind;
import org.hhms.contracts.alarms.Severity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Conditions currently open, so the reading that clears one announces the all-clear exactly once. */
@Repository
public class ConditionRepository {

    private final JdbcClient jdbc;

    public ConditionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Opens the condition, or keeps it open with the higher severity and the newer reading time. */
    public void open(Anomaly anomaly) {
        jdbc.sql("""
                INSERT INTO open_conditions (condition_key, patient_id, kind, metric, severity, opened_at, last_reading_at)
                VALUES (:key, :patient, :kind, :metric, :severity, :now, :reading)
                ON CONFLICT (condition_key) DO UPDATE
                   SET severity = CASE WHEN array_position(CAST(:order AS text[]), excluded.severity)
                                            > array_position(CAST(:order AS text[]), open_conditions.severity)
                                       THEN excluded.severity ELSE open_conditions.severity END,
                       last_reading_at = greatest(open_conditions.last_reading_at, excluded.last_reading_at)
                """).param("key", anomaly.conditionKey()).param("patient", anomaly.patientId())
                .param("kind", anomaly.kind().json()).param("metric", anomaly.metric())
                .param("severity", anomaly.severity().json()).param("order", Severity.inOrder())
                .param("now", Timestamp.from(anomaly.detectedAt()))
                .param("reading", Timestamp.from(anomaly.timestamp())).update();
    }

    /**
     * Closes the condition when it is open and this reading is not older than the last one that breached it;
     * returns whether it closed (so the all-clear is announced once).
     */
    public boolean closeIfClearedBy(String conditionKey, Instant readingTime) {
        return jdbc.sql("DELETE FROM open_conditions WHERE condition_key = :key AND last_reading_at <= :reading")
                .param("key", conditionKey).param("reading", Timestamp.from(readingTime)).update() == 1;
    }

    /** The patient's open conditions with the time of the reading that last breached each. */
    public Map<String, Instant> openFor(UUID patientId) {
        Map<String, Instant> open = new HashMap<>();
        jdbc.sql("SELECT condition_key, last_reading_at FROM open_conditions WHERE patient_id = :p")
                .param("p", patientId)
                .query((rs, row) -> open.put(rs.getString(1), rs.getTimestamp(2).toInstant())).list();
        return open;
    }

    /** A condition that was open, as {@link #closeAll} closed it. */
    public record Closed(String key, AnomalyKind kind, String metric) {
    }

    /** Closes every open condition of the patient; returns them. */
    public List<Closed> closeAll(UUID patientId) {
        return jdbc.sql("DELETE FROM open_conditions WHERE patient_id = :p RETURNING condition_key, kind, metric")
                .param("p", patientId)
                .query((rs, row) -> new Closed(rs.getString("condition_key"),
                        AnomalyKind.fromJson(rs.getString("kind")).orElseThrow(), rs.getString("metric")))
                .list();
    }

    /** Closes the condition whatever reading it saw last; returns whether it was open. */
    public boolean close(String conditionKey) {
        return jdbc.sql("DELETE FROM open_conditions WHERE condition_key = :key").param("key", conditionKey)
                .update() == 1;
    }

}
