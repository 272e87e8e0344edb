package org.hhms.analytics.anomaly;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.hhms.analytics.evaluation.ReEvaluation;
import org.hhms.analytics.patients.PatientDirectory;
import org.hhms.contracts.alarms.AnomalyKind;
import org.hhms.security.PatientAccess;
import org.hhms.security.PatientAccess.Relation;
import org.hhms.web.ApiProblem;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Anomalies of a patient, and re-evaluation of stored readings. */
@RestController
@RequestMapping("/analytics")
public class AnomalyController {

    private static final Duration MAX_RUN_WINDOW = Duration.ofDays(31);

    private final AnomalyRepository anomalies;
    private final ReEvaluation reEvaluation;
    private final PatientDirectory patients;
    private final PatientAccess access;
    private final Clock clock;

    public AnomalyController(AnomalyRepository anomalies, ReEvaluation reEvaluation, PatientDirectory patients,
            PatientAccess access, Clock clock) {
        this.anomalies = anomalies;
        this.reEvaluation = reEvaluation;
        this.patients = patients;
        this.access = access;
        this.clock = clock;
    }

    /**
     * Newest reading first; optionally within [since, until], of one kind and one confirmation ({@code held},
     * {@code contradicted}: values that paged nobody); at most {@code limit} (500).
     */
    @GetMapping("/anomalies/{patientId}")
    public List<Anomaly> list(@PathVariable UUID patientId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant since,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant until,
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String confirmation,
            @RequestParam(defaultValue = "500") int limit) {
        access.require(patientId, Relation.SELF, Relation.DOCTOR);
        AnomalyKind wanted = kind == null ? null : AnomalyKind.fromJson(kind)
                .orElseThrow(() -> ApiProblem.invalidField("kind", "must be one of " + AnomalyKind.allowed()));
        Confirmation confirmed = confirmation == null ? null : Confirmation.fromJson(confirmation)
                .orElseThrow(() -> ApiProblem.invalidField("confirmation", "must be announced, held or contradicted"));
        if (limit < 1 || limit > 5000) {
            throw ApiProblem.invalidField("limit", "must be between 1 and 5000");
        }
        List<Anomaly> found = anomalies.find(patientId, since, until, wanted, confirmed, limit);
        if (found.isEmpty()) {
            patients.requirePatient(patientId);
        }
        return found;
    }

    /** Re-evaluates the patient's last hour and answers the anomalies of that hour (new and already known). */
    @PostMapping("/analyze/{patientId}")
    public List<Anomaly> analyze(@PathVariable UUID patientId) {
        access.require(patientId, Relation.DOCTOR);
        patients.requirePatient(patientId);
        Instant now = clock.instant();
        Instant since = now.minus(Duration.ofHours(1));
        reEvaluation.run(patientId, since, now);
        return anomalies.find(patientId, since, now, null, null, 5000);
    }

    /**
     * Re-evaluates stored readings since {@code since} (default: the last hour) of one patient (their doctors) or of
     * all (admins).
     */
    @PostMapping("/run")
    public ReEvaluation.RunReport run(@RequestBody(required = false) RunRequest request) {
        Instant now = clock.instant();
        UUID patientId = request == null ? null : request.patientId();
        if (patientId == null) {
            access.requireRole();
        } else {
            access.require(patientId, Relation.DOCTOR);
        }
        Instant since = request == null || request.since() == null ? now.minus(Duration.ofHours(1)) : request.since();
        if (since.isAfter(now)) {
            throw ApiProblem.invalidField("since", "must not be in the future");
        }
        if (Duration.between(since, now).compareTo(MAX_RUN_WINDOW) > 0) {
            throw ApiProblem.invalidField("since", "may reach back at most 31 days");
        }
        if (patientId != null) {
            patients.requirePatient(patientId);
        }
        return reEvaluation.run(patientId, since, now);
    }
}
