package org.hhms.alerts.alert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.hhms.contracts.alarms.Severity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Alerts in PostgreSQL. */
@Repository
public class AlertRepository {

    /** The statuses of alerts still escalating and repeating: not acknowledged, not resolved. */
    public static final Set<AlertStatus> OPEN = EnumSet.copyOf(Arrays.stream(AlertStatus.values())
            .filter(AlertStatus::isOpen).toList());

    private final JdbcClient jdbc;

    public AlertRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a new active alert unless the condition already has one; returns whether it was inserted. */
    public boolean insertIfNoActive(Alert a) {
        return jdbc.sql("""
                INSERT INTO alerts (id, patient_id, condition_key, kind, severity, message, status, occurrence_count,
                                    first_seen_at, last_seen_at, last_reading_at, escalation_level, round,
                                    next_escalation_at, next_repeat_at, error_message, created_at, updated_at)
                VALUES (:id, :patient, :condition, :kind, :severity, :message, :status, 1, :now, :now, :reading, 0, 1,
                        :escalation, :repeat, :error, :now, :now)
                ON CONFLICT (condition_key) WHERE status <> 'resolved' DO NOTHING
                """).param("id", a.id()).param("patient", a.patientId()).param("condition", a.conditionKey())
                .param("kind", a.kind().json()).param("severity", a.severity().json()).param("message", a.message())
                .param("status", a.status().json()).param("now", ts(a.createdAt())).param("reading", ts(a.lastReadingAt()))
                .param("escalation", ts(a.nextEscalationAt())).param("repeat", ts(a.nextRepeatAt()))
                .param("error", a.errorMessage()).update() == 1;
    }

    public Optional<Alert> lockActive(String conditionKey) {
        return jdbc.sql("SELECT * FROM alerts WHERE condition_key = :c AND status <> 'resolved' FOR UPDATE")
                .param("c", conditionKey).query(AlertRepository::map).optional();
    }

    public Optional<Alert> lock(UUID id) {
        return jdbc.sql("SELECT * FROM alerts WHERE id = :id FOR UPDATE").param("id", id)
                .query(AlertRepository::map).optional();
    }

    public Optional<Alert> find(UUID id) {
        return jdbc.sql("SELECT * FROM alerts WHERE id = :id").param("id", id).query(AlertRepository::map)
                .optional();
    }

    /**
     * Another anomaly of the alert: counted, the severity only ever raised, the message the newest of the highest
     * severity (the headline is the worst thing wrong), no page by itself.
     */
    public void recordOccurrence(UUID id, Severity severity, String message, Instant readingAt, Instant now) {
        jdbc.sql("""
                UPDATE alerts SET occurrence_count = occurrence_count + 1, last_seen_at = :now,
                       last_reading_at = greatest(last_reading_at, :reading),
                       message = CASE WHEN array_position(CAST(:order AS text[]), :severity)
                                           >= array_position(CAST(:order AS text[]), severity)
                                      THEN :message ELSE message END,
                       severity = CASE WHEN array_position(CAST(:order AS text[]), :severity)
                                            > array_position(CAST(:order AS text[]), severity)
                                       THEN :severity ELSE severity END,
                       updated_at = :now
                 WHERE id = :id
                """).param("id", id).param("severity", severity.json()).param("order", Severity.inOrder())
                .param("message", message)
                .param("reading", ts(readingAt)).param("now", ts(now)).update();
    }

    /**
     * The alert got worse and is paged again: open again at the new severity (an acknowledgement covered only the
     * lower one), a new round, the escalation and repeat clocks restarted, any snooze broken.
     */
    public void worsened(UUID id, AlertStatus status, int round, Instant nextEscalation, Instant nextRepeat,
            Instant now) {
        jdbc.sql("""
                UPDATE alerts SET status = :status, round = :round, next_escalation_at = :esc, next_repeat_at = :rep,
                       snoozed_until = NULL, snoozed_by = NULL, snooze_note = NULL, updated_at = :now
                 WHERE id = :id
                """).param("id", id).param("status", status.json()).param("round", round)
                .param("esc", ts(nextEscalation)).param("rep", ts(nextRepeat)).param("now", ts(now)).update();
    }

    /** Repeats and escalation wait until {@code until}; who snoozed it and why are shown on the alert. */
    public void snooze(UUID id, Instant until, UUID by, String note, Instant now) {
        jdbc.sql("""
                UPDATE alerts SET snoozed_until = :until, snoozed_by = :by, snooze_note = :note, updated_at = :now
                 WHERE id = :id
                """).param("id", id).param("until", ts(until)).param("by", by).param("note", note)
                .param("now", ts(now)).update();
    }

    /** Records that the alert covers this anomaly (ignored when an anomaly has no id, or is already recorded). */
    public void recordAnomaly(UUID alertId, UUID anomalyId, String readingId, Severity severity, String description,
            Instant readingAt, Instant now) {
        if (anomalyId == null) {
            return;
        }
        jdbc.sql("""
                INSERT INTO alert_anomalies (anomaly_id, alert_id, reading_id, severity, description, reading_at,
                                             recorded_at)
                VALUES (:anomaly, :alert, :reading, :severity, :description, :readingAt, :now)
                ON CONFLICT (anomaly_id) DO NOTHING
                """).param("anomaly", anomalyId).param("alert", alertId).param("reading", readingId)
                .param("severity", severity.json()).param("description", description).param("readingAt", ts(readingAt))
                .param("now", ts(now)).update();
    }

    /** One anomaly an alert covers, as its history lists it. */
    public record Covered(UUID anomalyId, String readingId, Severity severity, String description, Instant readingAt,
            Instant recordedAt) {
    }

    /** The anomalies the alert covers, in the order of their readings: the episode's history. */
    public List<Covered> covered(UUID alertId) {
        return jdbc.sql("""
                SELECT anomaly_id, reading_id, severity, description, reading_at, recorded_at FROM alert_anomalies
                 WHERE alert_id = :a ORDER BY reading_at, recorded_at
                """).param("a", alertId)
                .query((rs, row) -> new Covered(rs.getObject(1, UUID.class), rs.getString(2),
                        Severity.parse(rs.getString(3)), rs.getString(4), instant(rs, "reading_at"),
                        instant(rs, "recorded_at")))
                .list();
    }

    public void updateStatus(UUID id, AlertStatus status, Instant now) {
        jdbc.sql("UPDATE alerts SET status = :s, updated_at = :now WHERE id = :id").param("id", id)
                .param("s", status.json()).param("now", ts(now)).update();
    }

    public void setError(UUID id, String error, Instant now) {
        jdbc.sql("UPDATE alerts SET error_message = :e, updated_at = :now WHERE id = :id").param("id", id)
                .param("e", error).param("now", ts(now)).update();
    }

    /**
     * A person's answer: {@code acknowledged} (no resolution), or resolved with how it ended. An acknowledgement
     * covers the alert's present severity; its note is shown to the whole care team.
     */
    public void acknowledge(UUID id, AlertStatus status, Resolution resolution, UUID by, String note, Instant now) {
        jdbc.sql("""
                UPDATE alerts SET status = :s, resolution = :r,
                       acknowledged_by = CASE WHEN :s = 'acknowledged' OR acknowledged_by IS NULL THEN :by
                                              ELSE acknowledged_by END,
                       acknowledged_at = CASE WHEN :s = 'acknowledged' OR acknowledged_at IS NULL THEN :now
                                              ELSE acknowledged_at END,
                       acknowledged_severity = CASE WHEN :s = 'acknowledged' OR acknowledged_severity IS NULL
                                                    THEN severity ELSE acknowledged_severity END,
                       acknowledgement_note = coalesce(:note, acknowledgement_note),
                       resolved_at = CASE WHEN :s = 'resolved' THEN :now ELSE resolved_at END,
                       next_escalation_at = NULL, next_repeat_at = NULL, snoozed_until = NULL, updated_at = :now
                 WHERE id = :id
                """).param("id", id).param("s", status.json()).param("r", resolution == null ? null : resolution.json()).param("by", by)
                .param("note", note).param("now", ts(now)).update();
    }

    public void resolve(UUID id, Resolution resolution, Instant now) {
        jdbc.sql("""
                UPDATE alerts SET status = 'resolved', resolution = :r, resolved_at = :now,
                       next_escalation_at = NULL, next_repeat_at = NULL, updated_at = :now
                 WHERE id = :id
                """).param("id", id).param("r", resolution.json()).param("now", ts(now)).update();
    }

    public void schedule(UUID id, int level, int round, Instant nextEscalation, Instant nextRepeat, Instant now) {
        jdbc.sql("""
                UPDATE alerts SET escalation_level = :level, round = :round, next_escalation_at = :esc,
                       next_repeat_at = :rep, updated_at = :now WHERE id = :id
                """).param("id", id).param("level", level).param("round", round).param("esc", ts(nextEscalation))
                .param("rep", ts(nextRepeat)).param("now", ts(now)).update();
    }

    /** Unacknowledged alerts whose escalation or repeat is due, locked for this instance only. */
    public List<Alert> lockDue(Instant now, int limit) {
        return jdbc.sql("""
                SELECT * FROM alerts
                 WHERE status = ANY (CAST(:open AS text[]))
                   AND (next_escalation_at <= :now OR next_repeat_at <= :now)
                   AND (snoozed_until IS NULL OR snoozed_until <= :now)
                 ORDER BY least(next_escalation_at, next_repeat_at)
                 LIMIT :limit FOR UPDATE SKIP LOCKED
                """).param("now", ts(now)).param("open", names(OPEN)).param("limit", limit)
                .query(AlertRepository::map).list();
    }

    /** The patients' alerts in any of these statuses, newest first. */
    public List<Alert> forPatients(List<UUID> patients, Set<AlertStatus> statuses, int limit) {
        if (patients.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT * FROM alerts WHERE patient_id IN (:patients) AND status = ANY (CAST(:statuses AS text[]))
                 ORDER BY created_at DESC LIMIT :limit
                """).param("patients", patients).param("statuses", names(statuses)).param("limit", limit)
                .query(AlertRepository::map).list();
    }

    private static String[] names(Set<AlertStatus> statuses) {
        return statuses.stream().map(AlertStatus::json).toArray(String[]::new);
    }

    static Alert map(ResultSet rs, int row) throws SQLException {
        return new Alert(rs.getObject("id", UUID.class), rs.getObject("patient_id", UUID.class),
                rs.getString("condition_key"), AlertKind.fromJson(rs.getString("kind")),
                Severity.parse(rs.getString("severity")), rs.getString("message"),
                AlertStatus.fromJson(rs.getString("status")).orElseThrow(),
                Resolution.fromJson(rs.getString("resolution")).orElse(null),
                rs.getInt("occurrence_count"), instant(rs, "first_seen_at"), instant(rs, "last_seen_at"),
                instant(rs, "last_reading_at"), rs.getInt("escalation_level"), rs.getInt("round"),
                instant(rs, "next_escalation_at"), instant(rs, "next_repeat_at"),
                rs.getObject("acknowledged_by", UUID.class), instant(rs, "acknowledged_at"),
                instant(rs, "resolved_at"), rs.getString("error_message"), instant(rs, "created_at"),
                instant(rs, "updated_at"), severity(rs.getString("acknowledged_severity")),
                rs.getString("acknowledgement_note"), instant(rs, "snoozed_until"),
                rs.getObject("snoozed_by", UUID.class), rs.getString("snooze_note"));
    }

    private static Severity severity(String stored) {
        return stored == null ? null : Severity.parse(stored);
    }

    /** A nullable timestamp column as an Instant (shared by this package's repositories). */
    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    /** A nullable Instant as a JDBC parameter. */
    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
