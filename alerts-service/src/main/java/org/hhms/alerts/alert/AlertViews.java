package org.hhms.alerts.alert;

import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Turns stored alerts into their JSON, with the first notification that went out. */
@Component
public class AlertViews {

    private final JdbcClient jdbc;

    public AlertViews(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public AlertResponse of(Alert a) {
        FirstSent first = jdbc.sql("""
                SELECT recipient_phone, provider_message_id, sent_at FROM notifications
                 WHERE alert_id = :a AND status = 'sent' ORDER BY sent_at LIMIT 1
                """).param("a", a.id()).query((rs, row) -> new FirstSent(rs.getString(1), rs.getString(2),
                        rs.getTimestamp(3))).optional().orElse(null);
        String phone = first != null ? first.phone() : jdbc.sql("""
                SELECT recipient_phone FROM notifications WHERE alert_id = :a ORDER BY created_at LIMIT 1
                """).param("a", a.id()).query(String.class).optional().orElse(null);
        return new AlertResponse(a.id(), a.patientId(), a.severity(), a.message(), a.status(), phone,
                first == null ? null : first.providerId(), a.createdAt(),
                first == null ? null : first.sentAt().toInstant(), a.errorMessage(), a.acknowledgedBy(),
                a.acknowledgedAt(), a.kind(), a.conditionKey(), a.occurrenceCount(), a.firstSeenAt(), a.lastSeenAt(),
                a.escalationLevel(), a.resolution(), a.resolvedAt());
    }

    public List<AlertResponse> of(List<Alert> alerts) {
        return alerts.stream().map(this::of).toList();
    }

    private record FirstSent(String phone, String providerId, Timestamp sentAt) {
    }

}
