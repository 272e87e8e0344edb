package org.hhms.users.fhir;

import io.swagger.v3.oas.annotations.Hidden;

import java.util.UUID;

import org.hhms.fhir.HhmsIdentifiers;
import org.hhms.security.PatientAccess;
import org.hhms.security.PatientAccess.Relation;
import org.hhms.users.accounts.UserService;
import org.hhms.users.user.User;
import org.hhms.users.user.UserRole;
import org.hhms.web.ApiProblem;
import org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /fhir/Patient/{id}}: a patient as FHIR R4 — their name, contact details and primary doctor; like
 * {@code GET /users/{id}}, a deactivated patient is not found (so {@code active} is always true). The same rights as {@code GET /users/{id}} for a patient: the patient,
 * their care team's doctors and caretakers, admins; asked first, so an unknown id and someone else's patient answer
 * alike (403), and admins get 404 for an id that is no patient.
 */
// Described by GET /fhir/metadata (FHIR's own description), not by the OpenAPI document.
@Hidden
@RestController
@RequestMapping(value = "/fhir/Patient", produces = { "application/fhir+json", "application/json" })
public class FhirPatientController {

    private final UserService users;
    private final PatientAccess access;

    public FhirPatientController(UserService users, PatientAccess access) {
        this.users = users;
        this.access = access;
    }

    @GetMapping("/{id}")
    public Patient read(@PathVariable String id) {
        UUID patientId;
        try {
            patientId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.notFound("No Patient with id '" + id + "'");
        }
        access.require(patientId, Relation.SELF, Relation.DOCTOR, Relation.CARETAKER);
        User user = users.get(patientId);
        if (user.role() != UserRole.PATIENT) {
            throw ApiProblem.notFound("No Patient with id '" + id + "' (that person is a " + user.role().json() + ")");
        }
        return patient(user);
    }

    static Patient patient(User user) {
        Patient patient = new Patient();
        patient.setId(user.id().toString());
        patient.getMeta().setLastUpdatedElement(new InstantType(user.updatedAt().toString()));
        patient.addIdentifier(new Identifier().setSystem(HhmsIdentifiers.USER_ID).setValue(user.id().toString()));
        patient.setActive(user.active());
        patient.addName().setText(user.fullName());
        if (user.phone() != null) {
            patient.addTelecom().setSystem(ContactPointSystem.PHONE).setValue(user.phone());
        }
        if (user.email() != null) {
            patient.addTelecom().setSystem(ContactPointSystem.EMAIL).setValue(user.email());
        }
        if (user.doctorId() != null) {
            patient.addGeneralPractitioner(new Reference().setType("Practitioner").setIdentifier(
                    new Identifier().setSystem(HhmsIdentifiers.USER_ID).setValue(user.doctorId().toString())));
        }
        return patient;
    }
}
