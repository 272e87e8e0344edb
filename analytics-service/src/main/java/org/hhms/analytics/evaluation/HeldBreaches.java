package org.hhms.analytics.evaluation;

import java.time.Clock;
import java.util.List;

import org.hhms.analytics.anomaly.AnomalyEvents;
import org.hhms.analytics.anomaly.AnomalyRepository;
import org.hhms.analytics.anomaly.ConditionRepository;
import org.hhms.analytics.anomaly.Confirmation;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Announces held breaches whose time is up: no reading contradicted them within {@code confirmation.window} (a
 * breach that persists, or a device that sends rarely), or none followed a suspected artefact within
 * {@code confirmation.artefact-window} (silence after an extreme value is itself alarming). Nothing held is ever
 * dropped silently. Each condition is locked by one instance only, and its held anomalies are announced once.
 */
@Component
public class HeldBreaches {

    private final ConditionRepository conditions;
    private final AnomalyRepository anomalies;
    private final AnomalyEvents events;
    private final Clock clock;

    public HeldBreaches(ConditionRepository conditions, AnomalyRepository anomalies, AnomalyEvents events,
            Clock clock) {
        this.conditions = conditions;
        this.anomalies = anomalies;
        this.events = events;
        this.clock = clock;
    }

    /** Returns how many held conditions it announced. Called on a schedule; tests call it directly too. */
    @Scheduled(fixedDelayString = "${hhms.analytics.confirmation.check-interval:10s}")
    @Transactional
    public int announceDue() {
        List<String> due = conditions.lockHeldDue(clock.instant(), 100);
        due.forEach(conditionKey -> confirm(conditionKey, null));
        return due.size();
    }

    /**
     * Confirms a held condition (its time is up, or a reading confirmed it) and announces every anomaly it held,
     * once: a second caller finds nothing held any more.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void confirm(String conditionKey, String traceId) {
        conditions.confirm(conditionKey);
        for (AnomalyRepository.Held held : anomalies.endHold(conditionKey, Confirmation.ANNOUNCED)) {
            events.detected(held.anomaly(), traceId, held.details());
        }
    }
}
