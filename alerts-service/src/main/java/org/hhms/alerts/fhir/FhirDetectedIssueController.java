package org.hhms.alerts.fhir;

import io.swagger.v3.oas.annotations.Hidden;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.hhms.alerts.alert.Alert;
import org.hhms.alerts.alert.AlertConditions;
import org.hhms.alerts.alert.AlertRepository;
import org.hhms.alerts.alert.AlertService;
import org.hhms.alerts.alert.AlertStatus;
import org.hhms.fhir.FhirLinks;
import org.hhms.fhir.SearchParameters;
import org.hhms.security.PatientAccess;
import org.hhms.security.PatientAccess.Relation;
import org.hhms.web.ApiProblem;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Alert episodes as FHIR R4 DetectedIssues (docs/fhir.md): a patient's open ones (not yet resolved, acknowledged or
 * not), and any one by id. Readable by whoever may read the patient's alerts ({@code GET /alerts/{p}}).
 */
// Described by GET /fhir/metadata (FHIR's own description), not by the OpenAPI document.
@Hidden
@RestController
@RequestMapping(value = "/fhir/DetectedIssue", produces = { "application/fhir+json", "application/json" })
public class FhirDetectedIssueController {

    private static final Relation[] CARE_CIRCLE = { Relation.SELF, Relation.DOCTOR, Relation.CARETAKER };
    private static final EnumSet<AlertStatus> NOT_RESOLVED = EnumSet.complementOf(EnumSet.of(AlertStatus.RESOLVED));
    /** More open episodes than this for one patient would be a fault: one clinical, a few technical. */
    private static final int MAX_OPEN = 200;

    private final AlertRepository alerts;
    private final AlertConditions conditions;
    private final AlertService service;
    private final PatientAccess access;
    private final FhirLinks links;

    public FhirDetectedIssueController(AlertRepository alerts, AlertConditions conditions, AlertService service,
            PatientAccess access, FhirLinks links) {
        this.links = links;
        this.alerts = alerts;
        this.conditions = conditions;
        this.service = service;
        this.access = access;
    }

    @GetMapping
    public Bundle search(@RequestParam MultiValueMap<String, String> parameters, HttpServletRequest request) {
        UUID patient = SearchParameters.of(parameters, "patient").patient();
        access.require(patient, CARE_CIRCLE);
        List<Alert> open = alerts.forPatients(List.of(patient), NOT_RESOLVED, MAX_OPEN);
        Map<UUID, List<AlertConditions.Condition>> grouped = conditions.of(open.stream().map(Alert::id).toList());
        List<DetectedIssue> issues = open.stream().map(a -> DetectedIssues.of(a,
                grouped.getOrDefault(a.id(), List.of()), alerts.covered(a.id()))).toList();
        return links.searchset(request, issues, null);
    }

    /** Looked up first (404 for an unknown id), then the patient's rights, as {@code GET /alerts/{id}/history}. */
    @GetMapping("/{id}")
    public DetectedIssue read(@PathVariable String id) {
        Alert alert;
        try {
            alert = service.get(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.notFound("No DetectedIssue with id '" + id + "'");
        }
        access.require(alert.patientId(), CARE_CIRCLE);
        return DetectedIssues.of(alert, conditions.of(List.of(alert.id())).getOrDefault(alert.id(), List.of()),
                alerts.covered(alert.id()));
    }
}
