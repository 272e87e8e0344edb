package org.hhms.analytics.stream;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.hhms.analytics.config.AnalyticsProperties;
import org.hhms.analytics.evaluation.VitalReading;
import org.hhms.web.SqlArrays;
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

    /**
     * Marks the readings judged, in one statement of the caller's transaction; returns those not judged before, in
     * their order (a reading twice in the list counts once).
     */
    public List<VitalReading> claim(List<VitalReading> readings) {
        if (readings.isEmpty()) {
            return readings;
        }
        Set<String> claimed = new HashSet<>(jdbc.sql("""
                INSERT INTO judged_readings (patient_id, reading_id)
                SELECT * FROM unnest(CAST(:patients AS uuid[]), CAST(:readings AS text[]))
                ON CONFLICT DO NOTHING
                RETURNING patient_id || ' ' || reading_id
                """).param("patients", SqlArrays.of(readings, VitalReading::patientId))
                .param("readings", SqlArrays.of(readings, VitalReading::readingId)).query(String.class).list());
        return readings.stream().filter(r -> claimed.remove(r.patientId() + " " + r.readingId())).toList();
    }

    /** Forgets marks older than the retention (hourly). */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    public int prune() {
        return jdbc.sql("DELETE FROM judged_readings WHERE judged_at < now() - make_interval(secs => :s)")
                .param("s", (double) properties.judgedRetention().toSeconds()).update();
    }
}
