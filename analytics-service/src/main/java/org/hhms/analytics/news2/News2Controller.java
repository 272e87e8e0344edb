package org.hhms.analytics.news2;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.UUID;

import jakarta.validation.Valid;

import org.hhms.analytics.evaluation.VitalEvaluator;
import org.hhms.analytics.patients.PatientDirectory;
import org.hhms.security.PatientAccess;
import org.hhms.web.ApiProblem;
import org.hhms.security.PatientAccess.Relation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A patient's current NEWS2 and the clinician's SpO2 scale setting. */
@RestController
@RequestMapping("/analytics/news2/{patientId}")
public class News2Controller {

    static final int MAX_HOURS = 72;

    private final VitalEvaluator evaluator;
    private final News2StateRepository state;
    private final PatientDirectory patients;
    private final PatientAccess access;
    private final News2Baseline baseline;
    private final Clock clock;

    public News2Controller(VitalEvaluator evaluator, News2StateRepository state, PatientDirectory patients,
            PatientAccess access, News2Baseline baseline, Clock clock) {
        this.baseline = baseline;
        this.clock = clock;
        this.evaluator = evaluator;
        this.state = state;
        this.patients = patients;
        this.access = access;
    }

    /** The score now, from the newest value of each parameter within the window, with its breakdown. */
    @GetMapping
    public Map<String, Object> current(@PathVariable UUID patientId) {
        access.require(patientId, Relation.SELF, Relation.DOCTOR);
        patients.requirePatient(patientId);
        Instant now = clock.instant();
        News2Score score = evaluator.scoreAt(patientId, now);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("patient_id", patientId);
        body.put("score", score.aggregate());
        body.put("risk", score.band().risk());
        body.put("severity", score.band().severity());
        body.put("partial", score.partial());
        body.put("missing", score.missing().stream().map(News2Parameter::json).toList());
        Map<String, Integer> breakdown = new LinkedHashMap<>();
        score.breakdown().forEach((parameter, points) -> breakdown.put(parameter.json(), points));
        body.put("parameters", breakdown);
        body.put("spo2_scale", score.spo2Scale());
        // The patient's usual score (the trend rule's baseline), null until 3 hours of the last day are known.
        OptionalDouble usual = baseline.at(patientId, now);
        body.put("baseline", usual.isPresent() ? usual.getAsDouble() : null);
        body.put("computed_at", now);
        return body;
    }

    /**
     * The NEWS2 timeline: the lowest complete score of each of the last {@code hours} hours (1–72; hourly lows are
     * kept 3 days). The lowest, not the highest: it is the patient at rest, the figure the trend rule compares with
     * (Kellett & Murray 2014); a bad moment is an anomaly of its own.
     */
    @GetMapping("/hourly")
    public List<News2Baseline.HourlyLow> hourly(@PathVariable UUID patientId,
            @RequestParam(defaultValue = "24") int hours) {
        access.require(patientId, Relation.SELF, Relation.DOCTOR);
        if (hours < 1 || hours > MAX_HOURS) {
            throw ApiProblem.invalidField("hours", "must be 1 to " + MAX_HOURS + " (hourly lows are kept 3 days), not "
                    + hours);
        }
        patients.requirePatient(patientId);
        return baseline.hourlyLows(patientId, clock.instant().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(
                hours - 1)));
    }

    /** Sets the SpO2 scale: 2 only for hypercapnic respiratory failure with a prescribed 88–92% target. */
    @PutMapping("/scale")
    public Map<String, Object> setScale(@PathVariable UUID patientId, @Valid @RequestBody ScaleRequest body) {
        access.require(patientId, Relation.DOCTOR);
        int scale = body.spo2Scale();
        patients.requirePatient(patientId);
        state.setSpo2Scale(patientId, scale);
        return Map.of("patient_id", patientId, "spo2_scale", scale);
    }
}
