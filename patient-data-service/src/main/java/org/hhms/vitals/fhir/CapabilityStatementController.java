package org.hhms.vitals.fhir;

import io.swagger.v3.oas.annotations.Hidden;

import org.hhms.fhir.VitalSign;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementKind;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.RestfulCapabilityMode;
import org.hl7.fhir.r4.model.CapabilityStatement.SystemRestfulInteraction;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations.FHIRVersion;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /fhir/metadata}: exactly what HHMS's FHIR API does, for every service behind {@code /fhir}
 * (Observation here, Patient in the user-service, DetectedIssue in the alerts-service). Public, as FHIR clients ask
 * it before they sign in. Kept in step with the controllers by {@code FhirApiTest}.
 */
// Described by GET /fhir/metadata (FHIR's own description), not by the OpenAPI document.
@Hidden
@RestController
@RequestMapping(value = "/fhir", produces = { "application/fhir+json", "application/json" })
public class CapabilityStatementController {

    /** When this statement last changed. */
    private static final String PUBLISHED = "2026-12-02";

    @GetMapping("/metadata")
    public CapabilityStatement metadata() {
        CapabilityStatement statement = new CapabilityStatement();
        statement.setStatus(PublicationStatus.ACTIVE).setDateElement(new DateTimeType(PUBLISHED)).setKind(CapabilityStatementKind.INSTANCE)
                .setFhirVersion(FHIRVersion._4_0_1).setPublisher("HHMS")
                .setDescription("HHMS, the Home Health Monitoring System: vital signs in and out as R4 vital-signs "
                        + "Observations, patients, and open alert episodes. JSON only. Every route but this one "
                        + "needs 'Authorization: Bearer <token>' (POST /users/login, or a device's token); who may "
                        + "read and write what is as on the HHMS routes (docs/security.md).");
        statement.addFormat("json").addFormat("application/fhir+json");
        statement.getSoftware().setName("HHMS");
        statement.getImplementation().setDescription("HHMS FHIR R4 API (docs/fhir.md)");
        CapabilityStatementRestComponent rest = statement.addRest().setMode(RestfulCapabilityMode.SERVER);
        rest.getSecurity().setDescription("Bearer tokens (HS256 JWT) from POST /users/login or device registration");
        rest.addInteraction().setCode(SystemRestfulInteraction.TRANSACTION)
                .setDocumentation("POST /fhir: Observations, all or none; each entry a create, conditional on its "
                        + "identifier (ifNoneExist=identifier=<system>|<value>)");
        rest.addInteraction().setCode(SystemRestfulInteraction.BATCH)
                .setDocumentation("POST /fhir: Observations, each entry on its own");

        CapabilityStatementRestResourceComponent observation = rest.addResource().setType("Observation")
                .setProfile("http://hl7.org/fhir/StructureDefinition/vitalsigns")
                .setDocumentation("Vital signs, LOINC codes: " + VitalSign.accepted() + ". Created only as the "
                        + "entries of a transaction or batch Bundle (POST /fhir), never by POST /fhir/Observation. "
                        + "Searches answer newest first.");
        for (VitalSign vital : VitalSign.values()) {
            vital.profile().ifPresent(observation::addSupportedProfile);
        }
        observation.addInteraction().setCode(TypeRestfulInteraction.READ);
        observation.addInteraction().setCode(TypeRestfulInteraction.SEARCHTYPE);
        observation.addSearchParam().setName("patient").setType(SearchParamType.REFERENCE)
                .setDocumentation("Required: the patient's id");
        observation.addSearchParam().setName("code").setType(SearchParamType.TOKEN)
                .setDocumentation("LOINC codes, comma-separated");
        observation.addSearchParam().setName("category").setType(SearchParamType.TOKEN)
                .setDocumentation("vital-signs or laboratory");
        observation.addSearchParam().setName("date").setType(SearchParamType.DATE)
                .setDocumentation("Up to two: eq, ge, gt, le, lt; a date or a time (UTC without an offset)");
        observation.addOperation().setName("lastn")
                .setDefinition("http://hl7.org/fhir/OperationDefinition/Observation-lastn")
                .setDocumentation("patient (required), code, category, max (1 to 100, default 1)");

        CapabilityStatementRestResourceComponent patient = rest.addResource().setType("Patient")
                .setDocumentation("A patient's identity, status and care team's doctor (user-service)");
        patient.addInteraction().setCode(TypeRestfulInteraction.READ);

        CapabilityStatementRestResourceComponent issue = rest.addResource().setType("DetectedIssue")
                .setDocumentation("Alert episodes (alerts-service): search answers a patient's open episodes, "
                        + "read any by id; implicated names the readings that raised it");
        issue.addInteraction().setCode(TypeRestfulInteraction.READ);
        issue.addInteraction().setCode(TypeRestfulInteraction.SEARCHTYPE);
        issue.addSearchParam().setName("patient").setType(SearchParamType.REFERENCE)
                .setDocumentation("Required: the patient's id");
        return statement;
    }
}
