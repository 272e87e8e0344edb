package org.hhms.alerts.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.hhms.alerts.alert.Alert;
import org.hhms.alerts.alert.AlertRepository;
import org.hhms.alerts.alert.AlertViews;
import org.hhms.alerts.careteam.CareTeamMember;
import org.hhms.alerts.config.AlertsProperties;
import org.hhms.alerts.live.AlertBroadcaster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Queues notifications (one row per person and round, never twice) and sends what is due: in order of severity,
 * retried with exponential backoff on Twilio rate limits, server errors and network failures, given up on invalid
 * numbers. Warning and info texts respect a per-recipient rate limit; critical ones never wait.
 */
@Service
public class NotificationService {

    private static final Logger log = LoggerFactory.getLogger(NotificationService.class);

    private final NotificationRepository notifications;
    private final AlertRepository alerts;
    private final AlertViews views;
    private final AlertBroadcaster broadcaster;
    private final SmsSender sms;
    private final TransactionTemplate transactions;
    private final AlertsProperties properties;
    private final Clock clock;

    public NotificationService(NotificationRepository notifications, AlertRepository alerts, AlertViews views,
            AlertBroadcaster broadcaster, SmsSender sms, TransactionTemplate transactions,
            AlertsProperties properties, Clock clock) {
        this.notifications = notifications;
        this.alerts = alerts;
        this.views = views;
        this.broadcaster = broadcaster;
        this.sms = sms;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
        // An instance that died mid-send left rows "sending": do not resend them, say so.
        int uncertain = notifications.markStaleSendsUncertain(clock.instant().minus(Duration.ofMinutes(1)));
        if (uncertain > 0) {
            log.warn("{} notification(s) were interrupted mid-send; marked uncertain, not resent", uncertain);
        }
    }

    /** Queues one round of an alert to these people (in the caller's transaction). Returns how many were new. */
    public int queue(Alert alert, List<CareTeamMember> recipients, String purpose, int round, String body) {
        Instant now = now();
        int queued = 0;
        for (CareTeamMember member : recipients) {
            Notification n = new Notification(UUID.randomUUID(), alert.id(), member.userId(), member.fullName(),
                    member.phone(), "sms", purpose, round, alert.severity(), body, "queued", 0, null, null, now, now,
                    null);
            if (notifications.queue(n, alert.id() + ":" + member.userId() + ":" + round + ":" + purpose)) {
                queued++;
            }
        }
        return queued;
    }

    /** Sends everything due now. Called on a schedule; tests call it directly with their clock. */
    @Scheduled(fixedDelayString = "${hhms.alerts.send-interval:250ms}")
    public int sendDue() {
        int handled = 0;
        List<Notification> batch;
        do {
            batch = transactions.execute(status -> notifications.claimDue(now(), 20));
            for (Notification n : batch) {
                handle(n);
                handled++;
            }
        } while (!batch.isEmpty() && handled < 500);
        return handled;
    }

    private void handle(Notification n) {
        Instant now = now();
        if (!"critical".equals(n.severity()) && n.recipientId() != null) {
            Instant since = now.minus(properties.rateLimitWindow());
            if (notifications.sentTo(n.recipientId(), since) >= properties.rateLimitCount()) {
                Instant free = notifications.windowFreesAt(n.recipientId(), since, properties.rateLimitCount(),
                        properties.rateLimitWindow());
                notifications.retryAt(n.id(), "rate limited: at most " + properties.rateLimitCount() + " "
                        + n.severity() + " SMS per " + properties.rateLimitWindow().toMinutes() + " min to this "
                        + "person; next at " + free, free.isAfter(now) ? free : now.plusSeconds(1), false, now);
                return;
            }
        }
        SmsResult result = sms.send(n.recipientPhone(), n.body());
        transactions.executeWithoutResult(status -> recordOutcome(n, result, now()));
    }

    private void recordOutcome(Notification n, SmsResult result, Instant now) {
        Alert alert = alerts.lock(n.alertId()).orElseThrow();
        switch (result) {
            case SmsResult.Sent sent -> {
                notifications.sent(n.id(), sent.providerMessageId(), now);
                if ("pending".equals(alert.status()) || "failed".equals(alert.status())) {
                    alerts.updateStatus(alert.id(), "sent", now);
                }
            }
            case SmsResult.Failed failed when failed.retryable() && n.tries() < properties.maxTries() -> {
                Duration delay = properties.retryBase().multipliedBy(1L << Math.min(n.tries() - 1, 10));
                notifications.retryAt(n.id(), failed.error(), now.plus(delay), true, now);
                alerts.setError(alert.id(), failed.error(), now);
            }
            case SmsResult.Failed failed -> {
                notifications.failed(n.id(), failed.error(), now);
                alerts.setError(alert.id(), "SMS to " + n.recipientName() + " failed: " + failed.error(), now);
                if ("pending".equals(alert.status())) {
                    alerts.updateStatus(alert.id(), "failed", now);
                }
            }
        }
        broadcaster.publish("alert.updated", views.of(alerts.find(alert.id()).orElseThrow()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
