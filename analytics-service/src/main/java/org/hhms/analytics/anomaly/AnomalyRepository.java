package org.hhms.analytics.anomaly;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.hhms.contracts.alarms.AnomalyKind;
import org.hhms.contracts.alarms.Severity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.json.JsonMapper;

/** Anomalies, stored once per rule and reading. */
@Repository
public class AnomalyRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    public AnomalyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores the anomaly unless the patient has one with the same dedupe key; returns whether it was new. A held
     * anomaly keeps what its event will carry ({@code details}), to be announced later.
     */
    public boolean insert(Anomaly anomaly, String dedupeKey, AnomalyEvents.Details details) {
        return jdbc.sql("""
                INSERT INTO anomalies (id, patient_id, kind, metric, rule, severity, observed_value, description,
                                       reading_id, reading_time, threshold_id, condition_key, detected_at, dedupe_key,
                                       confirmation, event_details)
                VALUES (:id, :patient, :kind, :metric, :rule, :severity, :value, :description, :reading,
                        :readingTime, :threshold, :condition, :detected, :dedupe, :confirmation, :details)
                ON CONFLICT (patient_id, dedupe_key) DO NOTHING
                """)
                .param("id", anomaly.id()).param("patient", anomaly.patientId()).param("kind", anomaly.kind().json())
                .param("metric", anomaly.metric()).param("rule", anomaly.rule()).param("severity", anomaly.severity().json())
                .param("value", anomaly.observedValue()).param("description", anomaly.description())
                .param("reading", anomaly.readingId()).param("readingTime", Timestamp.from(anomaly.timestamp()))
                .param("threshold", anomaly.thresholdId()).param("condition", anomaly.conditionKey())
                .param("detected", Timestamp.from(anomaly.detectedAt())).param("dedupe", dedupeKey)
                .param("confirmation", anomaly.confirmation().json())
                .param("details", anomaly.confirmation() == Confirmation.HELD && details != null
                        ? JSON.writeValueAsString(details) : null)
                .update() == 1;
    }

    /** A held anomaly with what its event carries. */
    public record Held(Anomaly anomaly, AnomalyEvents.Details details) {
    }

    /**
     * Ends the hold of the condition's anomalies: {@code announced} (returned, oldest first, to be announced) or
     * {@code contradicted}.
     */
    public List<Held> endHold(String conditionKey, Confirmation outcome) {
        return jdbc.sql("""
                UPDATE anomalies SET confirmation = :outcome
                 WHERE condition_key = :key AND confirmation = 'held'
                RETURNING *
                """).param("key", conditionKey).param("outcome", outcome.json())
                .query((rs, row) -> new Held(map(rs, row), details(rs.getString("event_details")))).list()
                .stream().sorted(Comparator.comparing((Held h) -> h.anomaly().timestamp())).toList();
    }

    private static AnomalyEvents.Details details(String json) {
        return json == null ? new AnomalyEvents.Details(null, null, null, null, null)
                : JSON.readValue(json, AnomalyEvents.Details.class);
    }

    /** A patient's anomalies, newest reading first, optionally within times, of one kind and one confirmation. */
    public List<Anomaly> find(UUID patientId, Instant since, Instant until, AnomalyKind kind,
            Confirmation confirmation, int limit) {
        return jdbc.sql("""
                SELECT * FROM anomalies
                 WHERE patient_id = :p
                   AND (CAST(:since AS timestamptz) IS NULL OR reading_time >= :since)
                   AND (CAST(:until AS timestamptz) IS NULL OR reading_time <= :until)
                   AND (CAST(:kind AS text) IS NULL OR kind = :kind)
                   AND (CAST(:confirmation AS text) IS NULL OR confirmation = :confirmation)
                 ORDER BY reading_time DESC, detected_at DESC
                 LIMIT :limit
                """).param("p", patientId).param("since", since == null ? null : Timestamp.from(since))
                .param("until", until == null ? null : Timestamp.from(until)).param("kind", kind == null ? null : kind.json())
                .param("confirmation", confirmation == null ? null : confirmation.json()).param("limit", limit).query(AnomalyRepository::map).list();
    }

    private static Anomaly map(ResultSet rs, int row) throws SQLException {
        return new Anomaly(rs.getObject("id", UUID.class), rs.getObject("patient_id", UUID.class),
                AnomalyKind.fromJson(rs.getString("kind")).orElseThrow(), rs.getString("metric"), rs.getString("rule"),
                Severity.parse(rs.getString("severity")),
                rs.getObject("observed_value", Double.class), rs.getString("description"),
                rs.getTimestamp("reading_time").toInstant(), rs.getString("reading_id"),
                rs.getObject("threshold_id", UUID.class), rs.getString("condition_key"),
                rs.getTimestamp("detected_at").toInstant(),
                Confirmation.fromJson(rs.getString("confirmation")).orElse(Confirmation.ANNOUNCED));
    }
}
