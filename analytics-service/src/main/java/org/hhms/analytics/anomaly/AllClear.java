package org.hhms.analytics.anomaly;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.hhms.analytics.config.AnalyticsProperties;
import org.hhms.contracts.alarms.AnomalyKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ends conditions: closes the open condition and announces its {@code anomaly.resolved} in the same transaction, so
 * the all-clear is sent exactly once — by the reading that clears it, by readings arriving again, or when the
 * patient is deactivated.
 */
@Service
public class AllClear {

    private final ConditionRepository conditions;
    private final AnomalyEvents events;
    private final JdbcClient jdbc;
    private final AnalyticsProperties properties;
    private final Clock clock;

    public AllClear(ConditionRepository conditions, AnomalyEvents events, JdbcClient jdbc,
            AnalyticsProperties properties, Clock clock) {
        this.conditions = conditions;
        this.events = events;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** Where the all-clear comes from: the reading that ended the condition (null fields when none did). */
    public record Cause(String readingId, Instant readingTime, String traceId) {
    }

    /**
     * A reading back in range: closes the condition once the patient has been back in range for
     * {@code confirmation.clear-after} (reading time) with no breach in between, and not for a reading older than
     * the last breach (a late normal reading does not end a newer breach); returns whether it closed. A value
     * wavering around a bound keeps its condition, and its episode, open instead of ending and paging again.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean ifClearedBy(UUID patientId, String conditionKey, AnomalyKind kind, String metric,
            String description, Cause cause) {
        if (!conditions.closeIfClearedBy(conditionKey, cause.readingTime(),
                properties.confirmation().clearAfter())) {
            return false;
        }
        events.resolved(patientId, conditionKey, kind, metric, description, cause.readingId(), cause.readingTime(),
                cause.traceId());
        return true;
    }

    /** Closes the condition whatever reading it saw last; returns whether it was open. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean now(UUID patientId, String conditionKey, AnomalyKind kind, String description, Cause cause) {
        if (!conditions.close(conditionKey)) {
            return false;
        }
        events.resolved(patientId, conditionKey, kind, null, description, cause.readingId(), cause.readingTime(),
                cause.traceId());
        return true;
    }

    /**
     * A deactivated patient is no longer watched: their silence is not reported as stale data, and each open
     * condition ends with an all-clear, so nobody keeps being paged for them.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void patientDeactivated(UUID patientId, String traceId) {
        jdbc.sql("DELETE FROM patient_activity WHERE patient_id = :p").param("p", patientId).update();
        List<ConditionRepository.Closed> closed = conditions.closeAll(patientId);
        Instant now = clock.instant();
        for (ConditionRepository.Closed condition : closed.stream().filter(ConditionRepository.Closed::confirmed)
                .toList()) { // a held condition was never announced: nothing to clear
            events.resolved(patientId, condition.key(), condition.kind(), condition.metric(),
                    "Patient deactivated: no longer monitored", null, now, traceId);
        }
    }
}
