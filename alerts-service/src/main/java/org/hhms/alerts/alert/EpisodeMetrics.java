package org.hhms.alerts.alert;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.hhms.web.AfterCommit;
import org.springframework.stereotype.Component;

/**
 * The alarm figures an operator watches (docs/operations.md, "Metrics"): alerts opened by kind, severity rises that
 * paged again, and how long an anomaly took from its detection in analytics to its alert here. Each is counted
 * once the transaction that did it commits (a rolled-back attempt, retried from the stream, counts once).
 */
@Component
public class EpisodeMetrics {

    private final MeterRegistry meters;
    private final Timer detectedToAlert;

    public EpisodeMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.detectedToAlert = Timer.builder("hhms.pipeline.delay").tag("stage", "detected_to_alert")
                .description("From an anomaly's detection in analytics to its alert stored and paged here")
                .publishPercentileHistogram().register(meters);
    }

    void opened(AlertKind kind) {
        AfterCommit.run(() -> meters.counter("hhms.alerts.opened", "kind", kind.json()).increment());
    }

    void worsened(Alert alert) {
        AfterCommit.run(() -> meters.counter("hhms.alerts.worsened", "severity", alert.severity().json()).increment());
    }

    /** An anomaly event handled {@code delay} after analytics detected it. */
    public void alerted(Duration delay) {
        if (!delay.isNegative()) {
            AfterCommit.run(() -> detectedToAlert.record(delay));
        }
    }
}
