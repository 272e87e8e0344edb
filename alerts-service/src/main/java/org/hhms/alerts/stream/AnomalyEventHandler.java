package org.hhms.alerts.stream;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import org.hhms.alerts.alert.AlertService;
import org.hhms.alerts.alert.EpisodeMetrics;
import org.hhms.contracts.events.AnomalyContradicted;
import org.hhms.contracts.events.AnomalyDetected;
import org.hhms.contracts.events.AnomalyResolved;
import org.hhms.contracts.events.EventEnvelope;
import org.hhms.contracts.events.EventPayload;
import org.hhms.messaging.stream.EventHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Handles {@code hhms:anomalies}: anomaly.detected joins or opens the patient's episode (or a technical alert),
 * anomaly.resolved clears its condition, anomaly.contradicted goes into an open episode's history. Each
 * event is handled once (its {@code event_id} is recorded in the same transaction as its effects).
 */
@Component
public class AnomalyEventHandler implements EventHandler {

    private final AlertService alerts;
    private final ProcessedEvents processed;
    private final EpisodeMetrics metrics;
    private final Clock clock;

    public AnomalyEventHandler(AlertService alerts, ProcessedEvents processed, EpisodeMetrics metrics, Clock clock) {
        this.alerts = alerts;
        this.processed = processed;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void handle(EventEnvelope<EventPayload> event) {
        if (!(event.data() instanceof AnomalyDetected) && !(event.data() instanceof AnomalyResolved)
                && !(event.data() instanceof AnomalyContradicted)) {
            return;
        }
        if (event.eventId() == null) {
            throw new IllegalArgumentException("anomaly event without event_id");
        }
        if (!processed.claim(event.eventId())) {
            return; // already handled
        }
        switch (event.data()) {
            case AnomalyDetected d -> {
                alerts.onAnomaly(d.anomalyId(), d.readingId(), required(d.patientId(), "patient_id"),
                        required(d.conditionKey(), "condition_key"), d.kind(), d.metric(),
                        required(d.severity(), "severity"), d.description() == null ? "" : d.description(),
                        d.readingTime());
                if (event.occurredAt() != null) {
                    metrics.alerted(Duration.between(event.occurredAt(), clock.instant()));
                }
            }
            case AnomalyResolved r -> alerts.onResolved(required(r.conditionKey(), "condition_key"),
                    r.description() == null ? "condition cleared" : r.description(), r.readingTime());
            case AnomalyContradicted c -> alerts.onContradicted(required(c.patientId(), "patient_id"),
                    required(c.anomalyIds(), "anomaly_ids"), c.readingId(), required(c.severity(), "severity"),
                    c.description() == null ? "not confirmed" : c.description(), c.readingTime());
            default -> throw new IllegalStateException("not an anomaly event");
        }
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("anomaly event without " + field);
        }
        return value;
    }
}
