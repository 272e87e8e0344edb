package org.hhms.alerts.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;

import org.hhms.alerts.careteam.CareTeamMember;
import org.hhms.alerts.config.AlertsProperties;
import org.hhms.contracts.alarms.Severity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Queues notifications (one row per person and round, never twice) and sends what is due: in order of severity,
 * retried with exponential backoff on Twilio rate limits, server errors and network failures, given up on invalid
 * numbers. Warning and info texts respect a rate limit per alert and person; critical ones never wait.
 */
@Service
public class NotificationService {

    private static final Logger log = LoggerFactory.getLogger(NotificationService.class);

    private final NotificationRepository notifications;
    private final DeliveryOutcomes outcomes;
    private final SmsSender sms;
    private final TransactionTemplate transactions;
    private final AlertsProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;

    public NotificationService(NotificationRepository notifications, DeliveryOutcomes outcomes, SmsSender sms,
            TransactionTemplate transactions, AlertsProperties properties, Clock clock, MeterRegistry meters) {
        this.meters = meters;
        this.notifications = notifications;
        this.outcomes = outcomes;
        this.sms = sms;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * An instance that died mid-send left rows "sending": they are marked uncertain, never resent, and the log says
     * so. No send takes a minute (the Twilio SDK gives up after 10 s connecting and 30.5 s reading), so an older
     * "sending" row is an interrupted one. Every living instance looks, at start and every minute, so the sends of a
     * replica that died wait for no restart.
     */
    @Scheduled(fixedDelayString = "${hhms.alerts.interrupted-send-check:60s}", initialDelay = 0)
    public int markInterruptedSends() {
        int uncertain = notifications.markStaleSendsUncertain(clock.instant().minus(Duration.ofMinutes(1)));
        if (uncertain > 0) {
            log.warn("{} notification(s) were interrupted mid-send; marked uncertain, not resent", uncertain);
        }
        return uncertain;
    }

    /**
     * Queues one round of an alert to these people (in the caller's transaction); a person already queued for that
     * round and purpose is not queued again. Returns how many were new.
     */
    public int queue(UUID alertId, Severity severity, List<CareTeamMember> recipients, String purpose, int round,
            String body) {
        Instant now = now();
        int queued = 0;
        for (CareTeamMember member : recipients) {
            Notification n = new Notification(UUID.randomUUID(), alertId, member.userId(), member.fullName(),
                    member.phone(), "sms", purpose, round, severity, body, "queued", 0, null, null, now, now,
                    null);
            if (notifications.queue(n, alertId + ":" + member.userId() + ":" + round + ":" + purpose)) {
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
        if (n.severity() != Severity.CRITICAL && n.recipientId() != null) {
            // Per alert and severity: one patient's repeats never hold back another's page, and critical texts
            // (never limited) use no one's budget.
            List<Instant> recent = notifications.sentAbout(n.alertId(), n.recipientId(), n.severity(),
                    now.minus(properties.rateLimitWindow()), properties.rateLimitCount());
            if (recent.size() >= properties.rateLimitCount()) {
                Instant free = recent.getLast().plus(properties.rateLimitWindow());
                notifications.retryAt(n.id(), "rate limited: at most " + properties.rateLimitCount() + " "
                        + n.severity().json() + " SMS about this alert per " + properties.rateLimitWindow().toMinutes()
                        + " min to this person; goes at " + free, free.isAfter(now) ? free : now.plusSeconds(1),
                        false, now);
                meters.counter("hhms.sms.held", "severity", n.severity().json(), "reason", "rate_limit").increment();
                return;
            }
        }
        SmsResult result = sms.send(n.recipientPhone(), n.body());
        transactions.executeWithoutResult(status -> recordOutcome(n, result, now()));
        count(n, result);
    }

    /** The alert first (its row is locked before the notification's, as everywhere else), then the attempt. */
    private void recordOutcome(Notification n, SmsResult result, Instant now) {
        switch (result) {
            case SmsResult.Sent sent -> {
                outcomes.sent(n.alertId(), now);
                notifications.sent(n.id(), sent.providerMessageId(), now);
            }
            case SmsResult.Failed failed when retried(n, failed) -> {
                Duration delay = properties.retryBase().multipliedBy(1L << Math.min(n.tries() - 1, 10));
                outcomes.failed(n.alertId(), failed.error(), false, now);
                notifications.retryAt(n.id(), failed.error(), now.plus(delay), true, now);
            }
            case SmsResult.Failed failed -> {
                outcomes.failed(n.alertId(), "SMS to " + n.recipientName() + " failed: " + failed.error(), true, now);
                notifications.failed(n.id(), failed.error(), now);
            }
        }
    }

    /** The {@code hhms.sms.*} metrics (docs/operations.md), once the outcome is committed. */
    private void count(Notification n, SmsResult result) {
        switch (result) {
            case SmsResult.Sent sent -> meters.counter("hhms.sms.sent", "severity", n.severity().json(),
                    "purpose", n.purpose()).increment();
            case SmsResult.Failed failed -> meters.counter("hhms.sms.failed", "severity", n.severity().json(),
                    "reason", failed.reason(), "outcome", retried(n, failed) ? "retrying" : "given_up").increment();
        }
    }

    /** A failed attempt is tried again while it is retryable and tries are left. */
    private boolean retried(Notification n, SmsResult.Failed failed) {
        return failed.retryable() && n.tries() < properties.maxTries();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
