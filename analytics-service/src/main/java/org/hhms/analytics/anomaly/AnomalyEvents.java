package org.hhms.analytics.anomaly;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.hhms.contracts.TraceIds;
import org.hhms.contracts.alarms.AnomalyKind;
import org.hhms.contracts.alarms.Severity;
import org.hhms.contracts.events.AnomalyContradicted;
import org.hhms.contracts.events.AnomalyDetected;
import org.hhms.contracts.events.AnomalyResolved;
import org.hhms.contracts.events.EventType;
import org.hhms.messaging.outbox.Outbox;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Writes anomaly.detected, anomaly.resolved and anomaly.contradicted to the outbox, in the transaction that stores what they describe. */
@Component
public class AnomalyEvents {

    private final Outbox outbox;

    public AnomalyEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    /** What an anomaly's event says beyond the anomaly itself, by kind. */
    public record Details(Double limit, Integer news2Score, Boolean news2Partial, List<String> news2Missing,
            Long silentMinutes) {

        public static Details limit(double limit) {
            return new Details(limit, null, null, null, null);
        }

        public static Details news2(int score, boolean partial, List<String> missing) {
            return new Details(null, score, partial, missing, null);
        }

        public static Details silence(long minutes) {
            return new Details(null, null, null, null, minutes);
        }
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void detected(Anomaly anomaly, String traceId, Details details) {
        AnomalyDetected data = new AnomalyDetected(anomaly.id(), anomaly.patientId(), anomaly.kind(),
                anomaly.metric(), anomaly.observedValue(), anomaly.severity(), anomaly.rule(),
                anomaly.description(), anomaly.readingId(), anomaly.timestamp(), anomaly.thresholdId(),
                anomaly.conditionKey(), details.limit(), details.news2Score(), details.news2Partial(),
                details.news2Missing(), details.silentMinutes());
        outbox.appendAll(EventType.ANOMALY_DETECTED, List.of(data), traceId == null ? TraceIds.current() : traceId);
    }

    /** The held anomalies of a condition were contradicted by this reading: nobody is paged, the episode is told. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void contradicted(List<AnomalyRepository.Held> held, String readingId, Instant readingTime,
            String traceId) {
        if (held.isEmpty()) {
            return;
        }
        Anomaly first = held.getFirst().anomaly();
        String description = held.stream().map(h -> h.anomaly().description()).distinct()
                .collect(Collectors.joining("; "))
                + ": not confirmed, the next reading disagreed (probable artefact); nobody paged";
        outbox.appendAll(EventType.ANOMALY_CONTRADICTED, List.of(new AnomalyContradicted(first.patientId(),
                first.conditionKey(), first.kind(), first.metric(),
                held.stream().map(h -> h.anomaly().severity()).reduce(Severity::max).orElseThrow(),
                held.stream().map(h -> h.anomaly().id()).toList(),
                description, readingId, readingTime)), traceId == null ? TraceIds.current() : traceId);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void resolved(UUID patientId, String conditionKey, AnomalyKind kind, String metric, String description,
            String readingId, Instant readingTime, String traceId) {
        outbox.appendAll(EventType.ANOMALY_RESOLVED, List.of(new AnomalyResolved(patientId, conditionKey, kind,
                metric, description, readingId, readingTime)), traceId == null ? TraceIds.current() : traceId);
    }
}
