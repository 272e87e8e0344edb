package org.hhms.alerts.notify;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.hhms.contracts.alarms.Severity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The notification attempts, which are also the persisted queue of what is still to send. */
@Repository
public class NotificationRepository {

    private final JdbcClient jdbc;

    public NotificationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Queues a notification unless one with the same idempotency key exists; returns whether it was new. */
    public boolean queue(Notification n, String idempotencyKey) {
        return jdbc.sql("""
                INSERT INTO notifications (id, alert_id, recipient_id, recipient_name, recipient_phone, channel,
                                           purpose, round, severity, body, idempotency_key, status, next_attempt_at,
                                           created_at, updated_at)
                VALUES (:id, :alert, :recipient, :name, :phone, 'sms', :purpose, :round, :severity, :body, :key,
                        'queued', :at, :at, :at)
                ON CONFLICT (idempotency_key) DO NOTHING
                """).param("id", n.id()).param("alert", n.alertId()).param("recipient", n.recipientId())
                .param("name", n.recipientName()).param("phone", n.recipientPhone()).param("purpose", n.purpose())
                .param("round", n.round()).param("severity", n.severity().json()).param("body", n.body())
                .param("key", idempotencyKey).param("at", Timestamp.from(n.createdAt())).update() == 1;
    }

    /** Takes due notifications for this instance only (SKIP LOCKED) and marks them being sent. */
    public List<Notification> claimDue(Instant now, int limit) {
        return jdbc.sql("""
                UPDATE notifications SET status = 'sending', tries = tries + 1, updated_at = :now
                 WHERE id IN (SELECT id FROM notifications
                               WHERE status IN ('queued', 'retrying') AND next_attempt_at <= :now
                               ORDER BY array_position(CAST(:order AS text[]), severity) DESC, next_attempt_at
                               LIMIT :limit FOR UPDATE SKIP LOCKED)
                RETURNING *
                """).param("now", Timestamp.from(now)).param("order", Severity.inOrder()).param("limit", limit)
                .query(NotificationRepository::map).list();
    }

    public void sent(UUID id, String providerId, Instant now) {
        jdbc.sql("""
                UPDATE notifications SET status = 'sent', provider_message_id = :p, sent_at = :now, error = NULL,
                       updated_at = :now WHERE id = :id
                """).param("id", id).param("p", providerId).param("now", Timestamp.from(now)).update();
    }

    /** Back in the queue for later (a retryable failure, or a rate limit); {@code tries} counts only real sends. */
    public void retryAt(UUID id, String error, Instant at, boolean countTry, Instant now) {
        jdbc.sql("""
                UPDATE notifications SET status = 'retrying', error = :e, next_attempt_at = :at,
                       tries = tries - CASE WHEN :count THEN 0 ELSE 1 END, updated_at = :now WHERE id = :id
                """).param("id", id).param("e", error).param("at", Timestamp.from(at)).param("count", countTry)
                .param("now", Timestamp.from(now)).update();
    }

    public void failed(UUID id, String error, Instant now) {
        jdbc.sql("UPDATE notifications SET status = 'failed', error = :e, updated_at = :now WHERE id = :id")
                .param("id", id).param("e", error).param("now", Timestamp.from(now)).update();
    }

    /**
     * After a crash mid-send nobody knows whether the SMS left: such attempts are marked uncertain, never resent
     * (the next repeat round notifies again anyway).
     */
    public int markStaleSendsUncertain(Instant olderThan) {
        return jdbc.sql("""
                UPDATE notifications SET status = 'uncertain', updated_at = now(),
                       error = 'outcome unknown after an interruption; not resent to avoid a duplicate'
                 WHERE status = 'sending' AND updated_at < :t
                """).param("t", Timestamp.from(olderThan)).update();
    }

    /**
     * When this person was last sent texts of this severity about this alert since a time, newest first, at most
     * {@code limit} (the rate limit: per alert and severity, never across patients).
     */
    public List<Instant> sentAbout(UUID alertId, UUID recipientId, Severity severity, Instant since, int limit) {
        return jdbc.sql("""
                SELECT sent_at FROM notifications
                 WHERE alert_id = :a AND recipient_id = :r AND status = 'sent' AND severity = :s AND sent_at >= :since
                 ORDER BY sent_at DESC LIMIT :limit
                """).param("a", alertId).param("r", recipientId).param("s", severity.json())
                .param("since", Timestamp.from(since)).param("limit", limit)
                .query((rs, row) -> rs.getTimestamp(1).toInstant()).list();
    }

    public List<Notification> forAlert(UUID alertId) {
        return jdbc.sql("SELECT * FROM notifications WHERE alert_id = :a ORDER BY created_at, round, recipient_name")
                .param("a", alertId).query(NotificationRepository::map).list();
    }

    static Notification map(ResultSet rs, int row) throws SQLException {
        Timestamp sent = rs.getTimestamp("sent_at");
        return new Notification(rs.getObject("id", UUID.class), rs.getObject("alert_id", UUID.class),
                rs.getObject("recipient_id", UUID.class), rs.getString("recipient_name"),
                rs.getString("recipient_phone"), rs.getString("channel"), rs.getString("purpose"), rs.getInt("round"),
                Severity.parse(rs.getString("severity")), rs.getString("body"), rs.getString("status"), rs.getInt("tries"),
                rs.getString("provider_message_id"), rs.getString("error"),
                rs.getTimestamp("next_attempt_at").toInstant(), rs.getTimestamp("created_at").toInstant(),
                sent == null ? null : sent.toInstant());
    }
}
