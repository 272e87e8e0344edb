package org.hhms.alerts.alert;

import static org.hhms.alerts.alert.AlertRepository.instant;
import static org.hhms.alerts.alert.AlertRepository.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hhms.contracts.alarms.Severity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The conditions an alert groups (analytics' {@code condition_key}s): open until analytics clears them. A clinical
 * episode ends when its last one clears.
 */
@Repository
public class AlertConditions {

    private final JdbcClient jdbc;

    public AlertConditions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One condition of an alert, as the alert JSON lists it. */
    public record Condition(String conditionKey, String kind, String metric, Severity severity, String description,
            String status, Instant openedAt, Instant lastReadingAt, Instant clearedAt, String clearedBy) {
    }

    /** An open condition and the alert that holds it. */
    public record Open(UUID alertId, Instant lastReadingAt) {
    }

    /**
     * The condition is on in this alert: opened, or re-opened, with the newest description, the higher severity and
     * the newer reading time.
     */
    public void record(UUID alertId, String conditionKey, String kind, String metric, Severity severity,
            String description, Instant readingAt, Instant now) {
        jdbc.sql("""
                INSERT INTO alert_conditions (alert_id, condition_key, kind, metric, severity, description, status,
                                              opened_at, last_reading_at)
                VALUES (:alert, :key, :kind, :metric, :severity, :description, 'open', :now, :reading)
                ON CONFLICT (alert_id, condition_key) DO UPDATE
                   SET status = 'open', description = excluded.description, cleared_at = NULL, cleared_by = NULL,
                       severity = CASE WHEN alert_conditions.status = 'cleared'
                                         OR array_position(CAST(:order AS text[]), excluded.severity)
                                            > array_position(CAST(:order AS text[]), alert_conditions.severity)
                                       THEN excluded.severity ELSE alert_conditions.severity END,
                       last_reading_at = greatest(alert_conditions.last_reading_at, excluded.last_reading_at)
                """).param("alert", alertId).param("key", conditionKey).param("kind", kind).param("metric", metric)
                .param("severity", severity.json()).param("order", Severity.inOrder())
                .param("description", description).param("now", ts(now)).param("reading", ts(readingAt)).update();
    }

    /** The alerts in which this condition is open (one, except for alerts opened before episodes existed). */
    public List<Open> openWith(String conditionKey) {
        return jdbc.sql("""
                SELECT alert_id, last_reading_at FROM alert_conditions
                 WHERE condition_key = :key AND status = 'open' ORDER BY opened_at
                """).param("key", conditionKey)
                .query((rs, row) -> new Open(rs.getObject("alert_id", UUID.class), instant(rs, "last_reading_at")))
                .list();
    }

    /** The condition cleared; returns how many conditions of the alert are still open. */
    public int clear(UUID alertId, String conditionKey, String description, Instant now) {
        jdbc.sql("""
                UPDATE alert_conditions SET status = 'cleared', cleared_at = :now, cleared_by = :description
                 WHERE alert_id = :alert AND condition_key = :key AND status = 'open'
                """).param("alert", alertId).param("key", conditionKey).param("description", description)
                .param("now", ts(now)).update();
        return jdbc.sql("SELECT count(*) FROM alert_conditions WHERE alert_id = :alert AND status = 'open'")
                .param("alert", alertId).query(Integer.class).single();
    }

    /** The conditions of each of these alerts, oldest first (one query for any number of alerts). */
    public Map<UUID, List<Condition>> of(List<UUID> alertIds) {
        Map<UUID, List<Condition>> byAlert = new LinkedHashMap<>();
        if (alertIds.isEmpty()) {
            return byAlert;
        }
        jdbc.sql("SELECT * FROM alert_conditions WHERE alert_id IN (:ids) ORDER BY opened_at, condition_key")
                .param("ids", alertIds)
                .query((rs, row) -> byAlert.computeIfAbsent(rs.getObject("alert_id", UUID.class),
                        id -> new ArrayList<>()).add(map(rs)))
                .list();
        return byAlert;
    }

    private static Condition map(ResultSet rs) throws SQLException {
        return new Condition(rs.getString("condition_key"), rs.getString("kind"), rs.getString("metric"),
                Severity.parse(rs.getString("severity")), rs.getString("description"), rs.getString("status"),
                instant(rs, "opened_at"), instant(rs, "last_reading_at"), instant(rs, "cleared_at"),
                rs.getString("cleared_by"));
    }
}
