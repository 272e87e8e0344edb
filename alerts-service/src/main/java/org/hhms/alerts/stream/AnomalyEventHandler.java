package org.hhms.alerts.stream;

import java.time.Instant;
import java.util.UUID;

import org.hhms.alerts.alert.AlertService;
import org.hhms.messaging.stream.EventHandler;
import org.hhms.messaging.stream.StreamEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;

/**
 * Handles {@code hhms:anomalies}: anomaly.detected opens or counts an alert, anomaly.resolved resolves it. Each
 * event is handled once (its {@code event_id} is recorded in the same transaction as its effects).
 */
@Component
public class AnomalyEventHandler implements EventHandler {

    private final AlertService alerts;
    private final ProcessedEvents processed;

    public AnomalyEventHandler(AlertService alerts, ProcessedEvents processed) {
        this.alerts = alerts;
        this.processed = processed;
    }

    @Override
    @Transactional
    public void handle(StreamEvent event) {
        String type = event.type();
        if (!type.equals("anomaly.detected") && !type.equals("anomaly.resolved")) {
            return;
        }
        UUID eventId = event.eventId();
        if (eventId == null) {
            throw new IllegalArgumentException("anomaly event without event_id");
        }
        if (!processed.claim(eventId)) {
            return; // already handled
        }
        JsonNode data = event.data();
        String conditionKey = data.required("condition_key").asString();
        Instant readingAt = data.hasNonNull("reading_time") ? Instant.parse(data.get("reading_time").asString())
                : null;
        if (type.equals("anomaly.detected")) {
            alerts.onAnomaly(data.hasNonNull("anomaly_id") ? UUID.fromString(data.get("anomaly_id").asString()) : null,
                    data.hasNonNull("reading_id") ? data.get("reading_id").asString() : null,
                    UUID.fromString(data.required("patient_id").asString()), conditionKey,
                    data.path("kind").asString("anomaly"), data.required("severity").asString(),
                    data.path("description").asString(""), readingAt);
        } else {
            alerts.onResolved(conditionKey, data.path("description").asString("condition cleared"), readingAt);
        }
    }
}
