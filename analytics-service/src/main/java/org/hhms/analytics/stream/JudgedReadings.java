package org.hhms.analytics.stream;

import java.util.UUID;

import org.hhms.analytics.config.AnalyticsProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

/**
 * The readings of hhms:vitals already judged, by their identity (patient and reading id): the stream delivers at
 * least once, and the producer replays what Redis lost, so a reading may arrive again; it is judged once.
 */
@Repository
public class JudgedReadings {

    private final JdbcClient jdbc;
    private final AnalyticsProperties properties;

    public JudgedReadings(JdbcClient jdbc, AnalyticsProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** Marks the reading judged, in the caller's transaction; false when it already was. */
    public boolean claim(UUID patientId, String readingId) {
        return jdbc.sql("INSERT INTO judged_readings (patient_id, reading_id) VALUES (:p, :r) ON CONFLICT DO NOTHING")
                .param("p", patientId).param("r", readingId).update() == 1;
    }

    /** Forgets marks older than the retention (hourly). */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    public int prune() {
        return jdbc.sql("DELETE FROM judged_readings WHERE judged_at < now() - make_interval(secs => :s)")
                .param("s", (double) properties.judgedRetention().toSeconds()).update();
    }
}
