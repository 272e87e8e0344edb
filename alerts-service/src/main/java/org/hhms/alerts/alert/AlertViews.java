package org.hhms.alerts.alert;

import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Turns stored alerts into their JSON, with the first notification that went out and the conditions grouped (two
 * queries for any number).
 */
@Component
public class AlertViews {

    private final JdbcClient jdbc;
    private final AlertConditions conditions;

    public AlertViews(JdbcClient jdbc, AlertConditions conditions) {
        this.jdbc = jdbc;
        this.conditions = conditions;
    }

    public AlertResponse of(Alert alert) {
        return of(List.of(alert)).getFirst();
    }

    public List<AlertResponse> of(List<Alert> alerts) {
        if (alerts.isEmpty()) {
            return List.of();
        }
        // Per alert: its first sent notification, or else its first attempt (for the phone it was meant for).
        Map<UUID, First> first = new HashMap<>();
        jdbc.sql("""
                SELECT DISTINCT ON (alert_id) alert_id, recipient_phone, provider_message_id, sent_at
                  FROM notifications
                 WHERE alert_id IN (:ids)
                 ORDER BY alert_id, status = 'sent' DESC,
                          CASE WHEN status = 'sent' THEN sent_at ELSE created_at END
                """).param("ids", alerts.stream().map(Alert::id).toList())
                .query((rs, row) -> first.put(rs.getObject("alert_id", UUID.class), new First(
                        rs.getString("recipient_phone"), rs.getString("provider_message_id"),
                        rs.getTimestamp("sent_at"))))
                .list();
        Map<UUID, List<AlertConditions.Condition>> grouped = conditions.of(alerts.stream().map(Alert::id).toList());
        return alerts.stream().map(a -> view(a, first.get(a.id()), grouped.getOrDefault(a.id(), List.of()))).toList();
    }

    private static AlertResponse view(Alert a, First first, List<AlertConditions.Condition> conditions) {
        boolean sent = first != null && first.sentAt() != null;
        return new AlertResponse(a.id(), a.patientId(), a.severity(), a.message(), a.status(),
                first == null ? null : first.phone(), sent ? first.providerId() : null, a.createdAt(),
                sent ? first.sentAt().toInstant() : null, a.errorMessage(), a.acknowledgedBy(), a.acknowledgedAt(),
                a.kind(), a.conditionKey(), a.occurrenceCount(), a.firstSeenAt(), a.lastSeenAt(),
                a.escalationLevel(), a.resolution(), a.resolvedAt(), a.acknowledgedSeverity(),
                a.acknowledgementNote(), a.snoozedUntil(), a.snoozedBy(), a.snoozeNote(), conditions);
    }

    private record First(String phone, String providerId, Timestamp sentAt) {
    }
}
