package org.hhms.analytics.anomaly;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hhms.analytics.config.AnalyticsProperties;
import org.hhms.contracts.alarms.AnomalyKind;
import org.hhms.contracts.alarms.Severity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds patients who sent readings and then fell silent for longer than {@code stale-after}: one stale_data
 * anomaly per silence (the next reading clears it). Marking a patient stale is one conditional UPDATE, so two
 * instances running this at once never report the same silence twice.
 */
@Component
public class StaleDataDetector {

    private final JdbcClient jdbc;
    private final AnomalyRepository anomalies;
    private final ConditionRepository conditions;
    private final AnomalyEvents events;
    private final AnalyticsProperties properties;
    private final Clock clock;

    public StaleDataDetector(JdbcClient jdbc, AnomalyRepository anomalies, ConditionRepository conditions,
            AnomalyEvents events, AnalyticsProperties properties, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.anomalies = anomalies;
        this.conditions = conditions;
        this.events = events;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${hhms.analytics.stale-check-interval:60s}")
    @Transactional
    public int detect() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<Map.Entry<UUID, Instant>> silent = jdbc.sql("""
                UPDATE patient_activity SET stale_since = :now
                 WHERE stale_since IS NULL AND last_received_at < :cutoff
                RETURNING patient_id, last_received_at
                """).param("now", Timestamp.from(now))
                .param("cutoff", Timestamp.from(now.minus(properties.staleAfter())))
                .query((rs, row) -> Map.entry(rs.getObject("patient_id", UUID.class),
                        rs.getTimestamp("last_received_at").toInstant()))
                .list();
        for (Map.Entry<UUID, Instant> patient : silent) {
            long minutes = ChronoUnit.MINUTES.between(patient.getValue(), now);
            Anomaly anomaly = new Anomaly(UUID.randomUUID(), patient.getKey(), AnomalyKind.STALE_DATA, null, "stale_data",
                    Severity.WARNING, null, "No readings for " + minutes + " min (last received " + patient.getValue()
                            + "): the device may be off, out of battery or disconnected",
                    patient.getValue(), null, null, patient.getKey() + ":stale_data", now, Confirmation.ANNOUNCED);
            if (anomalies.insert(anomaly, "stale:" + patient.getKey() + ":" + patient.getValue(), null)) {
                conditions.open(anomaly);
                events.detected(anomaly, null, AnomalyEvents.Details.silence(minutes));
            }
        }
        return silent.size();
    }
}
