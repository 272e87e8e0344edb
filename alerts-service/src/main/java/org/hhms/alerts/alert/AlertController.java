package org.hhms.alerts.alert;

import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.hhms.alerts.careteam.CareTeams;
import org.hhms.alerts.notify.Notification;
import org.hhms.alerts.notify.NotificationRepository;
import org.hhms.alerts.notify.SmsSender;
import org.hhms.contracts.alarms.Severity;
import org.hhms.security.Caller;
import org.hhms.security.PatientAccess;
import org.hhms.security.PatientAccess.Relation;
import org.hhms.tokens.CallerRole;
import org.hhms.web.ApiProblem;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import jakarta.validation.Valid;

/** The HHMS {@code /alerts} routes, a doctor's inbox, the live stream and the SMS provider's status. */
@RestController
@RequestMapping("/alerts")
public class AlertController {

    /** Who may raise, and read, a patient's alerts: the patient, their doctors and caretakers (and admins). */
    private static final Relation[] CARE_CIRCLE = { Relation.SELF, Relation.DOCTOR, Relation.CARETAKER };

    private final AlertService service;
    private final AlertRepository alerts;
    private final AlertViews views;
    private final NotificationRepository notifications;
    private final CareTeams careTeams;
    private final AlertBroadcaster broadcaster;
    private final SmsSender sms;
    private final PatientAccess access;

    public AlertController(AlertService service, AlertRepository alerts, AlertViews views,
            NotificationRepository notifications, CareTeams careTeams, AlertBroadcaster broadcaster, SmsSender sms,
            PatientAccess access) {
        this.access = access;
        this.service = service;
        this.alerts = alerts;
        this.views = views;
        this.notifications = notifications;
        this.careTeams = careTeams;
        this.broadcaster = broadcaster;
        this.sms = sms;
    }

    @PostMapping("/notifications/send")
    public ResponseEntity<AlertResponse> send(@Valid @RequestBody ManualAlertRequest request) {
        if (request.patientId() == null) {
            throw ApiProblem.invalidField("patient_id", "is required");
        }
        access.require(request.patientId(), CARE_CIRCLE);
        return created(request.patientId(), request);
    }

    @PostMapping("/send/{patientId}")
    public ResponseEntity<AlertResponse> sendTo(@PathVariable UUID patientId,
            @Valid @RequestBody ManualAlertRequest request) {
        access.require(patientId, CARE_CIRCLE);
        return created(patientId, request);
    }

    /** A patient's alerts, newest first; {@code status} filters ({@code open}: not acknowledged or resolved). */
    @GetMapping("/{patientId}")
    public List<AlertResponse> forPatient(@PathVariable UUID patientId,
            @RequestParam(required = false) String status) {
        access.require(patientId, CARE_CIRCLE);
        return views.of(alerts.forPatients(List.of(patientId), status(status), 500));
    }

    /**
     * An inbox: the alerts of every patient whose care team has this doctor or caretaker ({@code doctor_id},
     * by default the caller). Only its owner and admins may read it.
     */
    @GetMapping
    public List<AlertResponse> inbox(@RequestParam(name = "doctor_id", required = false) UUID doctorId,
            @RequestParam(required = false) String status) {
        Caller caller = access.requireRole(CallerRole.DOCTOR, CallerRole.CARETAKER);
        if (doctorId == null && !caller.unrestricted()) {
            doctorId = caller.id();
        }
        if (doctorId == null) {
            throw ApiProblem.invalidField("doctor_id", "is required");
        }
        access.requireSelf(doctorId);
        return views.of(alerts.forPatients(careTeams.patientsOf(doctorId), status(status), 500));
    }

    @PostMapping("/{alertId}/acknowledge")
    public AlertResponse acknowledge(@PathVariable UUID alertId, @RequestBody AcknowledgeRequest request) {
        Caller caller = access.require(service.get(alertId).patientId(), Relation.DOCTOR, Relation.CARETAKER);
        UUID by = request.doctorId();
        if (!caller.unrestricted()) {
            if (by != null && !by.equals(caller.id())) {
                throw PatientAccess.forbidden("doctor_id: you may acknowledge only as yourself (" + caller.id() + ")");
            }
            by = caller.id();
        }
        return views.of(service.acknowledge(alertId, resolution(request.status()), by, note(request.note())));
    }

    /**
     * Snoozes a non-critical, unacknowledged alert: no repeats or escalation for {@code minutes} (at most
     * {@code ALERTS_SNOOZE_MAX}); paged again when it ends if still unanswered; a worsening breaks through at once.
     * 409 for a critical, acknowledged or resolved alert.
     */
    @PostMapping("/{alertId}/snooze")
    public AlertResponse snooze(@PathVariable UUID alertId, @RequestBody SnoozeRequest request) {
        Caller caller = access.require(service.get(alertId).patientId(), Relation.DOCTOR, Relation.CARETAKER);
        if (request.minutes() == null) {
            throw ApiProblem.invalidField("minutes", "is required");
        }
        return views.of(service.snooze(alertId, Duration.ofMinutes(request.minutes()), caller.id(),
                note(request.note())));
    }

    private static String note(String note) {
        if (note == null || note.isBlank()) {
            return null;
        }
        if (note.length() > 500) {
            throw ApiProblem.invalidField("note", "must be at most 500 characters");
        }
        return note.strip();
    }

    /**
     * An alert's history: every anomaly it covers, oldest reading first (its conditions, open and cleared, are on
     * the alert itself; what was sent, in its notifications).
     */
    @GetMapping("/{alertId}/history")
    public List<AlertRepository.Covered> history(@PathVariable UUID alertId) {
        access.require(service.get(alertId).patientId(), CARE_CIRCLE);
        return alerts.covered(alertId);
    }

    /** Every notification attempt of an alert: recipient, round, outcome, provider id, error. */
    @GetMapping("/{alertId}/notifications")
    public List<Notification> notifications(@PathVariable UUID alertId) {
        access.require(service.get(alertId).patientId(), Relation.DOCTOR);
        return notifications.forAlert(alertId);
    }

    /**
     * Server-sent events of alert changes, optionally for one doctor's patients or one patient. Admins may watch
     * everything; a doctor or caretaker watches their own patients (or one of them), a patient their own alerts.
     */
    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter stream(@RequestParam(name = "doctor_id", required = false) UUID doctorId,
            @RequestParam(name = "patient_id", required = false) UUID patientId) {
        Caller caller = access.requireRole(CallerRole.DOCTOR, CallerRole.CARETAKER, CallerRole.PATIENT);
        if (caller.is(CallerRole.PATIENT)) {
            patientId = patientId == null ? caller.id() : patientId;
            access.require(patientId, Relation.SELF);
        } else if (!caller.unrestricted()) {
            if (doctorId != null) {
                access.requireSelf(doctorId);
            }
            if (patientId != null) {
                access.require(patientId, Relation.DOCTOR, Relation.CARETAKER);
            }
            doctorId = caller.id();
        }
        return broadcaster.subscribe(doctorId, patientId);
    }

    @GetMapping("/system/status")
    public Map<String, Object> status() {
        access.requireRole();
        return sms.status();
    }

    private ResponseEntity<AlertResponse> created(UUID patientId, ManualAlertRequest request) {
        Severity severity;
        try {
            severity = request.severity() == null ? Severity.INFO : Severity.parse(request.severity());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField("severity", e.getMessage());
        }
        Alert alert = service.manual(patientId, request.message().trim(), severity);
        return ResponseEntity.created(URI.create("/alerts/" + alert.id() + "/notifications")).body(views.of(alert));
    }

    /** The statuses a {@code status} filter asks for: all when absent, {@code open} or one status (any case). */
    private static Set<AlertStatus> status(String status) {
        if (status == null || status.isBlank()) {
            return EnumSet.allOf(AlertStatus.class);
        }
        String wanted = status.trim().toLowerCase(Locale.ROOT);
        if (wanted.equals("open")) {
            return AlertRepository.OPEN;
        }
        return EnumSet.of(AlertStatus.fromJson(wanted).orElseThrow(() -> ApiProblem.invalidField("status",
                "must be open or one of " + AlertStatus.allowed())));
    }

    /**
     * What an acknowledgement asks for (any case): {@code acknowledged} (the default) is no resolution yet;
     * {@code resolved} and {@code false_alarm} end the alert.
     */
    private static Optional<Resolution> resolution(String status) {
        String wanted = status == null ? "acknowledged" : status.trim().toLowerCase(Locale.ROOT);
        if (wanted.equals(AlertStatus.ACKNOWLEDGED.json())) {
            return Optional.empty();
        }
        return Optional.of(Resolution.fromJson(wanted).filter(r -> r != Resolution.CONDITION_CLEARED)
                .orElseThrow(() -> ApiProblem.invalidField("status", "must be acknowledged, resolved or false_alarm")));
    }
}
