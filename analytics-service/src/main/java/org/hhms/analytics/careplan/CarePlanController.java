package org.hhms.analytics.careplan;

import java.util.UUID;

import org.hhms.analytics.patients.PatientDirectory;
import org.hhms.security.Caller;
import org.hhms.security.PatientAccess;
import org.hhms.security.PatientAccess.Relation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.json.JsonMapper;

/** A patient's care plan: read by the patient and their doctors, changed by their doctors, always with a reason. */
@RestController
@RequestMapping("/analytics/care-plan/{patientId}")
public class CarePlanController {

    private final CarePlanService plans;
    private final PatientDirectory patients;
    private final PatientAccess access;
    private final JsonMapper json;

    public CarePlanController(CarePlanService plans, PatientDirectory patients, PatientAccess access,
            JsonMapper json) {
        this.plans = plans;
        this.patients = patients;
        this.access = access;
        this.json = json;
    }

    @GetMapping
    public CarePlan plan(@PathVariable UUID patientId) {
        access.require(patientId, Relation.SELF, Relation.DOCTOR);
        patients.requirePatient(patientId);
        return plans.plan(patientId);
    }

    /** 200 with the plan as it now applies; 400 naming the field; 404 unknown patient. */
    @PutMapping
    public CarePlan change(@PathVariable UUID patientId, @RequestBody CarePlanRequest request) {
        Caller caller = access.require(patientId, Relation.DOCTOR);
        patients.requirePatient(patientId);
        return plans.change(patientId, request, caller.id(), json.writeValueAsString(request));
    }
}
