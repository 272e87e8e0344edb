package org.hhms.alerts.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.hhms.alerts.careteam.CareTeamMember;
import org.hhms.alerts.careteam.CareTeams;
import org.hhms.alerts.careteam.TeamLookup;
import org.hhms.alerts.config.AlertsProperties;
import org.hhms.alerts.notify.NotificationRepository;
import org.hhms.alerts.notify.NotificationService;
import org.hhms.contracts.alarms.AnomalyKind;
import org.hhms.contracts.alarms.Severity;
import org.hhms.web.ApiProblem;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns anomalies into alerts and keeps after them (docs/alerting.md). A patient has at most one open clinical
 * episode, grouping every concurrent condition: it pages when it opens and again whenever its severity rises (also
 * after an acknowledgement, which covered only the lower severity), with the escalation clock restarted at the new
 * severity; further anomalies are counted, not paged. A technical alert (a device gone silent) is separate and goes
 * first to whoever looks after the device. The primary doctor is paged first, the next care-team member when nobody
 * acknowledges in time, repeats while unacknowledged (held while snoozed), one all-clear to everyone notified when
 * the last condition clears.
 */
@Service
public class AlertService {

    /** How soon an alert that found nobody to page looks for its care team again. */
    static final Duration NO_TEAM_RETRY = Duration.ofSeconds(30);

    private final AlertRepository alerts;
    private final AlertConditions conditions;
    private final NotificationService notifications;
    private final NotificationRepository attempts;
    private final CareTeams careTeams;
    private final AlertViews views;
    private final AlertBroadcaster broadcaster;
    private final AlertsProperties properties;
    private final Clock clock;
    private final EpisodeMetrics metrics;

    public AlertService(AlertRepository alerts, AlertConditions conditions, NotificationService notifications,
            NotificationRepository attempts, CareTeams careTeams, AlertViews views, AlertBroadcaster broadcaster,
            AlertsProperties properties, Clock clock, EpisodeMetrics metrics) {
        this.metrics = metrics;
        this.alerts = alerts;
        this.conditions = conditions;
        this.notifications = notifications;
        this.attempts = attempts;
        this.careTeams = careTeams;
        this.views = views;
        this.broadcaster = broadcaster;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * An anomaly of one condition ({@code conditionKey}): it joins the patient's open clinical episode, or opens one
     * and pages; a technical anomaly has its own alert. A rise above the alert's severity pages again. The alert
     * records the anomaly ({@code anomalyId}, when analytics gave one) among those it covers.
     */
    @Transactional
    public Alert onAnomaly(UUID anomalyId, String readingId, UUID patientId, String conditionKey, AnomalyKind kind,
            String metric, Severity severity, String description, Instant readingAt) {
        Instant now = now();
        AlertKind alertKind = AlertKind.of(kind);
        String alertKey = alertKind == AlertKind.CLINICAL ? episodeKey(patientId) : conditionKey;
        String conditionKind = kind == null ? AlertKind.ANOMALY.json() : kind.json();
        Alert candidate = newAlert(UUID.randomUUID(), patientId, alertKey, alertKind, severity, description, readingAt,
                now);
        if (alerts.insertIfNoActive(candidate)) {
            conditions.record(candidate.id(), conditionKey, conditionKind, metric, severity, description, readingAt,
                    now);
            alerts.recordAnomaly(candidate.id(), anomalyId, readingId, severity, description, readingAt, now);
            page(candidate);
            metrics.opened(alertKind);
            return alerts.find(candidate.id()).orElseThrow();
        }
        Alert open = alerts.lockActive(alertKey).orElseThrow();
        conditions.record(open.id(), conditionKey, conditionKind, metric, severity, description, readingAt, now);
        alerts.recordOccurrence(open.id(), severity, description, readingAt, now);
        alerts.recordAnomaly(open.id(), anomalyId, readingId, severity, description, readingAt, now);
        if (severity.compareTo(open.severity()) > 0) {
            worsened(alerts.find(open.id()).orElseThrow(), open, now);
        }
        Alert updated = alerts.find(open.id()).orElseThrow();
        broadcaster.publish("alert.updated", views.of(updated));
        return updated;
    }

    /**
     * A held breach the next reading contradicted (a probable artefact): it pages nobody and opens nothing; an open
     * episode of the patient lists it in its history, so whoever looks at the episode sees it.
     */
    @Transactional
    public void onContradicted(UUID patientId, List<UUID> anomalyIds, String readingId, Severity severity,
            String description, Instant readingAt) {
        if (anomalyIds.isEmpty()) {
            return;
        }
        alerts.lockActive(episodeKey(patientId)).ifPresent(episode -> alerts.recordAnomaly(episode.id(),
                anomalyIds.getFirst(), readingId, severity, description, readingAt, now()));
    }

    /** The key of a patient's clinical episode: the database allows one unresolved alert per key. */
    static String episodeKey(UUID patientId) {
        return patientId + ":clinical";
    }

    /**
     * The alert's severity rose (from {@code before}): page again at the new severity, to everyone paged so far,
     * and restart escalation and repeats on the new severity's clock. An acknowledged alert is open again: the
     * acknowledgement covered the lower severity. An alert nobody was paged for yet (an info episode, or a team not
     * known yet) gets its first page instead.
     */
    private void worsened(Alert alert, Alert before, Instant now) {
        metrics.worsened(alert);
        Instant escalation = at(now, properties.escalationDelay(alert.severity()));
        Instant repeat = at(now, properties.repeatInterval(alert.severity()));
        if (attempts.forAlert(alert.id()).isEmpty()) {
            alerts.worsened(alert.id(), alert.status(), alert.round(), escalation, repeat, now);
            queueFirstPage(alerts.find(alert.id()).orElseThrow());
            return;
        }
        TeamLookup lookup = careTeams.of(alert.patientId());
        List<CareTeamMember> recipients = lookup.members().isEmpty() ? notified(alert)
                : inOrder(alert, lookup.members()).subList(0, Math.min(alert.escalationLevel() + 1,
                        lookup.members().size()));
        int round = alert.round() + 1;
        notifications.queue(alert.id(), alert.severity(), recipients, "worsened", round,
                body(alert, "WORSE (was " + before.severity().json() + "): "));
        AlertStatus status = alert.status() == AlertStatus.ACKNOWLEDGED ? AlertStatus.SENT : alert.status();
        alerts.worsened(alert.id(), status, round, escalation, repeat, now);
    }

    /**
     * A manual alert (HHMS send routes): its own condition, paged at once to the whole care team whatever its
     * severity. If nobody can be paged yet, it is tried again every {@link #NO_TEAM_RETRY} until someone can.
     */
    @Transactional
    public Alert manual(UUID patientId, String message, Severity severity) {
        Instant now = now();
        UUID id = UUID.randomUUID();
        Alert alert = newAlert(id, patientId, "manual:" + id, AlertKind.MANUAL, severity, message, null, now);
        alerts.insertIfNoActive(alert);
        page(alert);
        metrics.opened(AlertKind.MANUAL);
        return alerts.find(id).orElseThrow();
    }

    /**
     * A condition cleared: it is closed in the alert that holds it, and when it was the alert's last open condition,
     * the alert resolves and everyone who was told gets one all-clear. A clearing older than the condition's latest
     * breach is ignored (the condition is still on).
     */
    @Transactional
    public void onResolved(String conditionKey, String description, Instant readingAt) {
        for (AlertConditions.Open open : conditions.openWith(conditionKey)) {
            Alert alert = alerts.lock(open.alertId()).orElseThrow();
            if (alert.status() == AlertStatus.RESOLVED
                    || readingAt != null && open.lastReadingAt() != null && readingAt.isBefore(open.lastReadingAt())) {
                continue;
            }
            Instant now = now();
            if (conditions.clear(alert.id(), conditionKey, description, now) > 0) {
                broadcaster.publish("alert.updated", views.of(alerts.find(alert.id()).orElseThrow()));
                continue;
            }
            alerts.resolve(alert.id(), Resolution.CONDITION_CLEARED, now);
            notifications.queue(alert.id(), alert.severity(), notified(alert), "all_clear", alert.round(),
                    "[HHMS] All clear for patient " + shortId(alert.patientId()) + ": " + description + " (alert "
                            + shortId(alert.id()) + ")");
            broadcaster.publish("alert.resolved", views.of(alerts.find(alert.id()).orElseThrow()));
        }
    }

    /**
     * HHMS acknowledge: no resolution acknowledges (stops repeats and escalation at the present severity; a rise
     * pages again); {@code resolved} or {@code false_alarm} ends the alert. The note is shown to the whole team.
     */
    @Transactional
    public Alert acknowledge(UUID alertId, Optional<Resolution> resolution, UUID by, String note) {
        Alert alert = lockUnresolved(alertId);
        Instant now = now();
        alerts.acknowledge(alertId, resolution.isPresent() ? AlertStatus.RESOLVED : AlertStatus.ACKNOWLEDGED,
                resolution.orElse(null), by, note, now);
        Alert updated = alerts.find(alertId).orElseThrow();
        broadcaster.publish(resolution.isPresent() ? "alert.resolved" : "alert.acknowledged", views.of(updated));
        return updated;
    }

    /**
     * Holds a non-critical, unacknowledged alert's repeats and escalation for {@code duration} (at most
     * {@code hhms.alerts.snooze-max}); when the snooze ends the alert is paged again if it is still unanswered. A rise
     * in severity ends the snooze at once. A critical alert cannot be snoozed: it must be answered.
     */
    @Transactional
    public Alert snooze(UUID alertId, Duration duration, UUID by, String note) {
        Alert alert = lockUnresolved(alertId);
        if (alert.severity() == Severity.CRITICAL) {
            throw ApiProblem.conflict("Alert " + alertId + " is critical: a critical alert cannot be snoozed, "
                    + "acknowledge it instead");
        }
        if (alert.status() == AlertStatus.ACKNOWLEDGED) {
            throw ApiProblem.conflict("Alert " + alertId + " is acknowledged: nothing is paged until it gets worse");
        }
        if (duration.isNegative() || duration.isZero() || duration.compareTo(properties.snoozeMax()) > 0) {
            throw ApiProblem.invalidField("minutes", "must be between 1 and " + properties.snoozeMax().toMinutes());
        }
        Instant now = now();
        Instant until = now.plus(duration);
        alerts.snooze(alertId, until, by, note, now);
        if (alert.nextRepeatAt() != null || alert.severity() != Severity.INFO) {
            // When the snooze ends, a still unanswered alert is paged again (then on its usual clock).
            Instant repeat = alert.nextRepeatAt() == null || alert.nextRepeatAt().isBefore(until) ? until
                    : alert.nextRepeatAt();
            Instant escalation = alert.nextEscalationAt() == null || alert.nextEscalationAt().isAfter(until)
                    ? alert.nextEscalationAt() : until;
            alerts.schedule(alertId, alert.escalationLevel(), alert.round(), escalation, repeat, now);
        }
        Alert updated = alerts.find(alertId).orElseThrow();
        broadcaster.publish("alert.updated", views.of(updated));
        return updated;
    }

    private Alert lockUnresolved(UUID alertId) {
        Alert alert = alerts.lock(alertId).orElseThrow(() -> ApiProblem.notFound("No alert with id " + alertId));
        if (alert.status() == AlertStatus.RESOLVED) {
            throw ApiProblem.conflict("Alert " + alertId + " is already resolved (" + alert.resolution().json() + ")");
        }
        return alert;
    }

    /**
     * Escalation and repeats of unacknowledged alerts that are due. Called on a schedule; tests call it directly
     * with their clock. Returns how many alerts it advanced.
     */
    @Scheduled(fixedDelayString = "${hhms.alerts.escalation-interval:5s}")
    @Transactional
    public int advanceDue() {
        Instant now = now();
        List<Alert> due = alerts.lockDue(now, 100);
        for (Alert alert : due) {
            TeamLookup lookup = careTeams.of(alert.patientId());
            if (lookup instanceof TeamLookup.Unknown unknown) {
                // Nobody can tell whom to page right now: keep the alert where it is and look again soon, rather
                // than escalating past people who may well be there.
                alerts.setError(alert.id(), noTeamYet(alert, unknown), now);
                alerts.schedule(alert.id(), alert.escalationLevel(), alert.round(), now.plus(NO_TEAM_RETRY),
                        alert.nextRepeatAt(), now);
                continue;
            }
            List<CareTeamMember> team = inOrder(alert, lookup.members());
            int level = alert.escalationLevel();
            int round = alert.round();
            Instant nextEscalation = alert.nextEscalationAt();
            Instant nextRepeat = alert.nextRepeatAt();
            // The first page, if it could not be queued when the alert opened (care team unknown then). Otherwise a
            // no-op: the idempotency key makes it the same notification. A late first page restarts the clocks.
            if (!team.isEmpty() && notifications.queue(alert.id(), alert.severity(), firstRound(alert, team), "alert", 1, body(alert, "")) > 0) {
                alerts.setError(alert.id(), null, now);
                if (isManual(alert)) {
                    alerts.schedule(alert.id(), 0, 1, null, null, now);
                } else {
                    alerts.schedule(alert.id(), 0, 1, now.plus(properties.escalationDelay(alert.severity())),
                            now.plus(properties.repeatInterval(alert.severity())), now);
                }
                continue;
            }
            if (team.isEmpty() && attempts.forAlert(alert.id()).isEmpty()) {
                // Still nobody to page: look again soon rather than escalating to no one.
                alerts.setError(alert.id(), noTeamYet(alert, lookup), now);
                alerts.schedule(alert.id(), level, round, now.plus(NO_TEAM_RETRY), nextRepeat, now);
                continue;
            }
            if (nextEscalation != null && !nextEscalation.isAfter(now)) {
                if (level + 1 < team.size()) {
                    level++;
                    notifications.queue(alert.id(), alert.severity(), List.of(team.get(level)), "escalation", round, body(alert,
                            "ESCALATED: not acknowledged yet. "));
                    nextEscalation = now.plus(properties.escalationDelay(alert.severity()));
                } else {
                    nextEscalation = null; // everyone on the team is already being notified
                }
            }
            if (nextRepeat != null && !nextRepeat.isAfter(now)) {
                // To those paged before this moment: someone escalated to just now has just had their page.
                round++;
                notifications.queue(alert.id(), alert.severity(), team.subList(0, Math.min(alert.escalationLevel() + 1, team.size())),
                        "repeat", round,
                        body(alert, "REPEAT: still not acknowledged. "));
                nextRepeat = now.plus(properties.repeatInterval(alert.severity()));
            }
            alerts.schedule(alert.id(), level, round, nextEscalation, nextRepeat, now);
            broadcaster.publish("alert.updated", views.of(alerts.find(alert.id()).orElseThrow()));
        }
        return due.size();
    }

    public Alert get(UUID alertId) {
        return alerts.find(alertId).orElseThrow(() -> ApiProblem.notFound("No alert with id " + alertId));
    }

    /** Queues the first page and announces the new alert. */
    private void page(Alert alert) {
        queueFirstPage(alert);
        broadcaster.publish("alert.created", views.of(alerts.find(alert.id()).orElseThrow()));
    }

    /**
     * Queues the first round (the first in line; everyone for a manual alert). With nobody to page yet, the alert
     * says why and is looked at again in {@link #NO_TEAM_RETRY}.
     */
    private void queueFirstPage(Alert alert) {
        boolean texted = alert.severity() != Severity.INFO || properties.smsInfo() || isManual(alert);
        Instant now = now();
        if (!texted) {
            alerts.setError(alert.id(), "info alert: not sent by SMS (ALERTS_SMS_INFO=false)", now);
            return;
        }
        TeamLookup lookup = careTeams.of(alert.patientId());
        if (lookup.members().isEmpty()) {
            alerts.setError(alert.id(), noTeamYet(alert, lookup), now);
            alerts.schedule(alert.id(), 0, alert.round(), now.plus(NO_TEAM_RETRY), alert.nextRepeatAt(), now);
        } else {
            alerts.setError(alert.id(), null, now);
            notifications.queue(alert.id(), alert.severity(), firstRound(alert, inOrder(alert, lookup.members())),
                    "alert", 1, body(alert, ""));
        }
    }

    /** Who gets the first page: the first in line, or for a manual alert the whole team. */
    private static List<CareTeamMember> firstRound(Alert alert, List<CareTeamMember> team) {
        return isManual(alert) ? team : List.of(team.getFirst());
    }

    /**
     * The order in which the team is paged: the care team's escalation order (the primary doctor first), except that
     * a technical alert goes first to whoever looks after the device at home, the caretakers, then the doctors.
     */
    private static List<CareTeamMember> inOrder(Alert alert, List<CareTeamMember> team) {
        if (!alert.kind().isTechnical()) {
            return team;
        }
        List<CareTeamMember> ordered = new ArrayList<>(team.stream().filter(CareTeamMember::isCaretaker).toList());
        team.stream().filter(member -> !member.isCaretaker()).forEach(ordered::add);
        return ordered;
    }

    private static boolean isManual(Alert alert) {
        return alert.kind() == AlertKind.MANUAL;
    }

    private static String noTeamYet(Alert alert, TeamLookup lookup) {
        String why = lookup instanceof TeamLookup.Unknown unknown
                ? "Care team of patient " + alert.patientId() + " unknown (" + unknown.reason() + ")"
                : "No care team to notify for patient " + alert.patientId() + " yet";
        return why + "; retrying every " + NO_TEAM_RETRY.toSeconds() + " s";
    }

    private Alert newAlert(UUID id, UUID patientId, String conditionKey, AlertKind kind, Severity severity,
            String message, Instant readingAt, Instant now) {
        boolean manual = kind == AlertKind.MANUAL;
        Duration escalation = manual ? null : properties.escalationDelay(severity);
        Duration repeat = manual ? null : properties.repeatInterval(severity);
        return new Alert(id, patientId, conditionKey, kind, severity, message, AlertStatus.PENDING, null, 1, now,
                now, readingAt, 0, 1, at(now, escalation), at(now, repeat), null, null, null, null, now, now, null,
                null, null, null, null);
    }

    private static Instant at(Instant now, Duration delay) {
        return delay == null ? null : now.plus(delay);
    }

    /** The people who were sent this alert (for the all-clear), as they were paged: no lookup can fail here. */
    private List<CareTeamMember> notified(Alert alert) {
        Map<UUID, CareTeamMember> told = new LinkedHashMap<>();
        attempts.forAlert(alert.id()).stream()
                .filter(n -> "sent".equals(n.status()) && !"all_clear".equals(n.purpose()) && n.recipientId() != null)
                .forEach(n -> told.putIfAbsent(n.recipientId(), new CareTeamMember(n.recipientId(), n.recipientName(),
                        "", n.recipientPhone(), false, told.size() + 1)));
        return List.copyOf(told.values());
    }

    private static String body(Alert alert, String prefix) {
        return "[HHMS] " + prefix + alert.severity().name() + " alert for patient "
                + shortId(alert.patientId()) + ": " + alert.message() + " (alert " + shortId(alert.id()) + ")";
    }

    private static String shortId(UUID id) {
        return id.toString().substring(0, 8);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
