package org.hhms.analytics.news2;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;

import org.hhms.analytics.evaluation.VitalEvaluator;
import org.hhms.analytics.patients.PatientDirectory;
import org.hhms.security.PatientAccess;
import org.hhms.security.PatientAccess.Relation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A patient's current NEWS2 and the clinician's SpO2 scale setting. */
@RestController
@RequestMapping("/analytics/news2/{patientId}")
public class News2Controller {

    private final VitalEvaluator evaluator;
    private final News2StateRepository state;
    private final PatientDirectory patients;
    private final PatientAccess access;
    private final Clock clock;

    public News2Controller(VitalEvaluator evaluator, News2StateRepository state, PatientDirectory patients,
            PatientAccess access, Clock clock) {
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
        body.put("computed_at", now);
        return body;
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
