package org.hhms.alerts.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
import org.hhms.contracts.alarms.Severity;
import org.hhms.web.ApiProblem;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns anomalies into alerts and keeps after them: one alert per condition (repeats are counted, not paged), the
 * primary doctor first, the next care-team member when nobody acknowledges in time, repeats while unacknowledged,
 * an all-clear to everyone notified when the condition clears.
 */
@Service
public class AlertService {

    /** How soon an alert that found nobody to page looks for its care team again. */
    static final Duration NO_TEAM_RETRY = Duration.ofSeconds(30);

    private final AlertRepository alerts;
    private final NotificationService notifications;
    private final NotificationRepository attempts;
    private final CareTeams careTeams;
    private final AlertViews views;
    private final AlertBroadcaster broadcaster;
    private final AlertsProperties properties;
    private final Clock clock;

    public AlertService(AlertRepository alerts, NotificationService notifications, NotificationRepository attempts,
            CareTeams careTeams, AlertViews views, AlertBroadcaster broadcaster, AlertsProperties properties,
            Clock clock) {
        this.alerts = alerts;
        this.notifications = notifications;
        this.attempts = attempts;
        this.careTeams = careTeams;
        this.views = views;
        this.broadcaster = broadcaster;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * An anomaly: opens the condition's alert and pages, or counts a repeat on the alert already open. The alert
     * records the anomaly ({@code anomalyId}, when analytics gave one) among those it covers.
     */
    @Transactional
    public Alert onAnomaly(UUID anomalyId, String readingId, UUID patientId, String conditionKey, AlertKind kind,
            Severity severity, String description, Instant readingAt) {
        Instant now = now();
        Alert candidate = newAlert(UUID.randomUUID(), patientId, conditionKey, kind, severity, description, readingAt,
                now);
        if (alerts.insertIfNoActive(candidate)) {
            alerts.recordAnomaly(candidate.id(), anomalyId, readingId, severity, description, readingAt, now);
            page(candidate);
            return alerts.find(candidate.id()).orElseThrow();
        }
        Alert open = alerts.lockActive(conditionKey).orElseThrow();
        alerts.recordOccurrence(open.id(), severity, description, readingAt, now);
        alerts.recordAnomaly(open.id(), anomalyId, readingId, severity, description, readingAt, now);
        Alert updated = alerts.find(open.id()).orElseThrow();
        broadcaster.publish("alert.updated", views.of(updated));
        return updated;
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
        return alerts.find(id).orElseThrow();
    }

    /** The condition cleared: the alert resolves and everyone who was told gets the all-clear. */
    @Transactional
    public void onResolved(String conditionKey, String description, Instant readingAt) {
        alerts.lockActive(conditionKey).ifPresent(alert -> {
            if (readingAt != null && alert.lastReadingAt() != null && readingAt.isBefore(alert.lastReadingAt())) {
                return; // an all-clear older than the latest breach: the condition is still on
            }
            Instant now = now();
            alerts.resolve(alert.id(), Resolution.CONDITION_CLEARED, now);
            List<CareTeamMember> told = notified(alert);
            notifications.queue(alert.id(), alert.severity(), told, "all_clear", alert.round(), "[HHMS] All clear for patient "
                    + shortId(alert.patientId()) + ": " + description + " (alert " + shortId(alert.id()) + ")");
            broadcaster.publish("alert.resolved", views.of(alerts.find(alert.id()).orElseThrow()));
        });
    }

    /**
     * HHMS acknowledge: no resolution acknowledges (stops repeats and escalation); {@code resolved} or
     * {@code false_alarm} ends the alert.
     */
    @Transactional
    public Alert acknowledge(UUID alertId, Optional<Resolution> resolution, UUID by) {
        Alert alert = alerts.lock(alertId).orElseThrow(() -> ApiProblem.notFound("No alert with id " + alertId));
        if (alert.status() == AlertStatus.RESOLVED) {
            throw ApiProblem.conflict("Alert " + alertId + " is already resolved (" + alert.resolution().json() + ")");
        }
        Instant now = now();
        alerts.acknowledge(alertId, resolution.isPresent() ? AlertStatus.RESOLVED : AlertStatus.ACKNOWLEDGED,
                resolution.orElse(null), by, now);
        Alert updated = alerts.find(alertId).orElseThrow();
        broadcaster.publish(resolution.isPresent() ? "alert.resolved" : "alert.acknowledged", views.of(updated));
        return updated;
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
            List<CareTeamMember> team = lookup.members();
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

    /**
     * Queues the first round (the primary doctor; everyone for a manual alert) and announces the new alert. With
     * nobody to page yet, the alert says why and is looked at again in {@link #NO_TEAM_RETRY}.
     */
    private void page(Alert alert) {
        boolean texted = alert.severity() != Severity.INFO || properties.smsInfo() || isManual(alert);
        Instant now = now();
        if (!texted) {
            alerts.setError(alert.id(), "info alert: not sent by SMS (ALERTS_SMS_INFO=false)", now);
        } else {
            TeamLookup lookup = careTeams.of(alert.patientId());
            if (lookup.members().isEmpty()) {
                alerts.setError(alert.id(), noTeamYet(alert, lookup), now);
                alerts.schedule(alert.id(), 0, 1, now.plus(NO_TEAM_RETRY), alert.nextRepeatAt(), now);
            } else {
                notifications.queue(alert.id(), alert.severity(), firstRound(alert, lookup.members()), "alert", 1, body(alert, ""));
            }
        }
        broadcaster.publish("alert.created", views.of(alerts.find(alert.id()).orElseThrow()));
    }

    /** Who gets the first page: the primary doctor, or for a manual alert the whole team. */
    private static List<CareTeamMember> firstRound(Alert alert, List<CareTeamMember> team) {
        return isManual(alert) ? team : List.of(team.getFirst());
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
                now, readingAt, 0, 1, escalation == null ? null : now.plus(escalation),
                repeat == null ? null : now.plus(repeat), null, null, null, null, now, now);
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
