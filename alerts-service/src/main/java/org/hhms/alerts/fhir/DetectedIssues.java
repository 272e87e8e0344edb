package org.hhms.alerts.fhir;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.hhms.alerts.alert.Alert;
import org.hhms.alerts.alert.AlertConditions;
import org.hhms.alerts.alert.AlertRepository;
import org.hhms.alerts.alert.AlertStatus;
import org.hhms.alerts.alert.Resolution;
import org.hhms.fhir.HhmsIdentifiers;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.DetectedIssue.DetectedIssueSeverity;
import org.hl7.fhir.r4.model.DetectedIssue.DetectedIssueStatus;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;

/**
 * An alert episode as a FHIR R4 DetectedIssue: {@code preliminary} while it is open (it may still grow),
 * {@code final} once resolved, {@code entered-in-error} when a person closed it as a false alarm; its severity
 * critical/warning/info as high/moderate/low; {@code implicated} names the readings that raised it by identifier —
 * the identifier of their Observations ({@code GET /fhir/Observation}); {@code evidence} lists its conditions;
 * {@code mitigation} the acknowledgement and the resolution.
 */
final class DetectedIssues {

    static final String KIND_SYSTEM = "urn:hhms:alert-kind";
    static final String CONDITION_SYSTEM = "urn:hhms:alert-condition";

    private DetectedIssues() {
    }

    static DetectedIssue of(Alert alert, List<AlertConditions.Condition> conditions,
            List<AlertRepository.Covered> covered) {
        DetectedIssue issue = new DetectedIssue();
        issue.setId(alert.id().toString());
        issue.setStatus(status(alert));
        issue.setCode(new CodeableConcept().addCoding(new Coding(KIND_SYSTEM, alert.kind().json(),
                alert.kind().json().replace('_', ' '))).setText(alert.message()));
        issue.setSeverity(switch (alert.severity()) {
            case CRITICAL -> DetectedIssueSeverity.HIGH;
            case WARNING -> DetectedIssueSeverity.MODERATE;
            case INFO -> DetectedIssueSeverity.LOW;
        });
        issue.setPatient(new Reference("Patient/" + alert.patientId()));
        Period identified = new Period().setStartElement(new DateTimeType(alert.firstSeenAt().toString()));
        if (alert.resolvedAt() != null) {
            identified.setEndElement(new DateTimeType(alert.resolvedAt().toString()));
        }
        issue.setIdentified(identified);
        issue.setDetail(alert.message());
        Set<String> readings = new LinkedHashSet<>();
        for (AlertRepository.Covered anomaly : covered) {
            if (anomaly.readingId() != null && readings.add(anomaly.readingId())) {
                issue.addImplicated(new Reference().setType("Observation").setDisplay(anomaly.description())
                        .setIdentifier(new Identifier().setSystem(HhmsIdentifiers.READING_ID).setValue(anomaly.readingId())));
            }
        }
        for (AlertConditions.Condition condition : conditions) {
            issue.addEvidence().addCode(new CodeableConcept().addCoding(new Coding(CONDITION_SYSTEM,
                    condition.conditionKey(), null)).setText(condition.description() + " (" + condition.severity()
                            .json() + ", " + condition.status() + ")"));
        }
        if (alert.acknowledgedAt() != null) {
            issue.addMitigation().setAction(new CodeableConcept().setText("Acknowledged"
                    + (alert.acknowledgementNote() == null ? "" : ": " + alert.acknowledgementNote())))
                    .setDateElement(new DateTimeType(alert.acknowledgedAt().toString()))
                    .setAuthor(alert.acknowledgedBy() == null ? null : new Reference().setIdentifier(
                            new Identifier().setSystem(HhmsIdentifiers.USER_ID).setValue(alert.acknowledgedBy().toString())));
        }
        if (alert.status() == AlertStatus.RESOLVED && alert.resolution() != null) {
            issue.addMitigation().setAction(new CodeableConcept().setText("Resolved: "
                    + alert.resolution().json().replace('_', ' ')))
                    .setDateElement(alert.resolvedAt() == null ? null
                            : new DateTimeType(alert.resolvedAt().toString()));
        }
        return issue;
    }

    private static DetectedIssueStatus status(Alert alert) {
        if (alert.status() != AlertStatus.RESOLVED) {
            return DetectedIssueStatus.PRELIMINARY;
        }
        return alert.resolution() == Resolution.FALSE_ALARM ? DetectedIssueStatus.ENTEREDINERROR
                : DetectedIssueStatus.FINAL;
    }
}
