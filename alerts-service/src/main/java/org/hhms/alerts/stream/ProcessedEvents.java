package org.hhms.alerts.stream;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

/**
 * The anomaly events already handled, by {@code event_id}: the stream delivers at least once and analytics' outbox
 * replays what Redis lost, so an event may arrive again; it changes things once. Marks older than seven days (far
 * beyond any replay) are pruned.
 */
@Repository
public class ProcessedEvents {

    private final JdbcClient jdbc;

    public ProcessedEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Marks the event handled, in the caller's transaction; false when it already was. */
    public boolean claim(UUID eventId) {
        return jdbc.sql("INSERT INTO processed_events (event_id) VALUES (:id) ON CONFLICT DO NOTHING")
                .param("id", eventId).update() == 1;
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    public int prune() {
        return jdbc.sql("DELETE FROM processed_events WHERE processed_at < now() - interval '7 days'").update();
    }
}
