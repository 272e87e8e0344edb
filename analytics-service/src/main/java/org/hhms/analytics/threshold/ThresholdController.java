package org.hhms.analytics.threshold;

import java.util.List;
import java.util.UUID;

import org.hhms.security.PatientAccess;
import org.hhms.security.PatientAccess.Relation;
import org.hhms.analytics.patients.PatientDirectory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;

/** The HHMS threshold routes. */
@RestController
@RequestMapping("/analytics/thresholds")
public class ThresholdController {

    private final ThresholdService thresholds;
    private final PatientDirectory patients;
    private final PatientAccess access;

    public ThresholdController(ThresholdService thresholds, PatientDirectory patients, PatientAccess access) {
        this.thresholds = thresholds;
        this.patients = patients;
        this.access = access;
    }

    /** Upsert per (patient, metric): 200 with the threshold; an omitted bound keeps its value. */
    @PostMapping
    public Threshold upsert(@Valid @RequestBody ThresholdRequest request) {
        access.require(request.patientId(), Relation.DOCTOR);
        Metrics.require("metric", request.metric());
        patients.requirePatient(request.patientId());
        return thresholds.upsert(request);
    }

    @GetMapping("/{patientId}")
    public List<Threshold> forPatient(@PathVariable UUID patientId) {
        access.require(patientId, Relation.SELF, Relation.DOCTOR);
        patients.requirePatient(patientId);
        return thresholds.forPatient(patientId);
    }

    @GetMapping("/{patientId}/{metric}")
    public Threshold one(@PathVariable UUID patientId, @PathVariable String metric) {
        access.require(patientId, Relation.SELF, Relation.DOCTOR);
        Metrics.require("metric", metric);
        patients.requirePatient(patientId);
        return thresholds.find(patientId, metric);
    }
}
