package org.hhms.vitals.patients;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.hhms.directory.UserDirectory;
import org.hhms.vitals.config.VitalsProperties;
import org.hhms.web.ApiProblem;
import org.springframework.stereotype.Component;

/**
 * Decides whether readings may be taken for a patient, from the local view fed by {@code hhms:users}. Only a
 * patient this service has never heard of costs a call to the user-service, and the answer is remembered.
 */
@Component
public class KnownPatients {

    private final KnownPatientRepository repository;
    private final UserDirectory directory;
    private final VitalsProperties properties;
    /** Ids the user-service said do not exist, until when we believe it (so a bad id cannot flood it). */
    private final Map<UUID, Instant> unknownUntil = new ConcurrentHashMap<>();
    private final Clock clock;

    public KnownPatients(KnownPatientRepository repository, UserDirectory directory, VitalsProperties properties,
            Clock clock) {
        this.clock = clock;
        this.repository = repository;
        this.directory = directory;
        this.properties = properties;
    }

    /** Returns when the patient exists and is active; otherwise a 404 (or 503 if nobody can tell). */
    public void requireActive(UUID patientId) {
        Boolean active = repository.isActive(patientId).orElseGet(() -> lookUp(patientId));
        if (!active) {
            throw ApiProblem.notFound("No active patient with id " + patientId);
        }
    }

    /** Returns when the patient exists here or in the user-service, active or not; otherwise a 404. */
    public void requireKnown(UUID patientId) {
        if (repository.isActive(patientId).isEmpty() && directory.person(patientId).filter(UserDirectory.Person::isPatient)
                .isEmpty()) {
            throw ApiProblem.notFound("No patient with id " + patientId);
        }
    }

    private boolean lookUp(UUID patientId) {
        Instant until = unknownUntil.get(patientId);
        if (until != null && until.isAfter(clock.instant())) {
            return false;
        }
        unknownUntil.remove(patientId);
        return directory.person(patientId).map(person -> {
            boolean active = person.isPatient() && person.isActive();
            repository.remember(patientId, active, person.updatedAt());
            return active;
        }).orElseGet(() -> {
            if (unknownUntil.size() > 100_000) {
                unknownUntil.clear();
            }
            unknownUntil.put(patientId, clock.instant().plus(properties.unknownPatientTtl()));
            return false;
        });
    }

    /** What the hhms:users stream says about a person. */
    public void learn(UUID id, String role, boolean active, Instant asOf) {
        repository.remember(id, "patient".equals(role) && active, asOf);
        if (active && "patient".equals(role)) {
            unknownUntil.remove(id);
        }
    }
}
