package org.hhms.alerts.alert;

import java.time.Instant;
import java.util.UUID;

import org.hhms.alerts.notify.DeliveryOutcomes;
import org.springframework.stereotype.Component;

/**
 * What a notification's outcome does to its alert: the first accepted text makes a pending (or failed) alert
 * {@code sent}; a failure is shown on the alert, and a final one leaves a still pending alert {@code failed}. Every
 * change is announced on the live stream.
 */
@Component
public class AlertDeliveries implements DeliveryOutcomes {

    private final AlertRepository alerts;
    private final AlertViews views;
    private final AlertBroadcaster broadcaster;

    public AlertDeliveries(AlertRepository alerts, AlertViews views, AlertBroadcaster broadcaster) {
        this.alerts = alerts;
        this.views = views;
        this.broadcaster = broadcaster;
    }

    @Override
    public void sent(UUID alertId, Instant now) {
        Alert alert = alerts.lock(alertId).orElseThrow();
        if (alert.status() == AlertStatus.PENDING || alert.status() == AlertStatus.FAILED) {
            alerts.updateStatus(alertId, AlertStatus.SENT, now);
        }
        announce(alertId);
    }

    @Override
    public void failed(UUID alertId, String error, boolean finalFailure, Instant now) {
        Alert alert = alerts.lock(alertId).orElseThrow();
        alerts.setError(alertId, error, now);
        if (finalFailure && alert.status() == AlertStatus.PENDING) {
            alerts.updateStatus(alertId, AlertStatus.FAILED, now);
        }
        announce(alertId);
    }

    private void announce(UUID alertId) {
        broadcaster.publish("alert.updated", views.of(alerts.find(alertId).orElseThrow()));
    }
}
