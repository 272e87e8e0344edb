package org.hhms.users.careteam;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.hhms.users.events.UserEvents;
import org.hhms.users.user.User;
import org.hhms.users.user.UserRepository;
import org.hhms.users.user.UserRole;
import org.hhms.web.ApiProblem;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who cares for whom. A patient's team holds doctors and caretakers in escalation order; the first doctor linked
 * becomes the primary one (HHMS {@code doctor_id}). Every change publishes the whole new team.
 */
@Service
public class CareTeamService {

    private final UserRepository users;
    private final CareTeamRepository teams;
    private final UserEvents events;
    private final Clock clock;

    public CareTeamService(UserRepository users, CareTeamRepository teams, UserEvents events, Clock clock) {
        this.users = users;
        this.teams = teams;
        this.events = events;
        this.clock = clock;
    }

    /** {@code POST /users/relationships}: idempotent; answers the patient. */
    @Transactional
    public User linkDoctor(UUID doctorId, UUID patientId) {
        resolve(doctorId, patientId, UserRole.DOCTOR, true);
        if (!teams.isMember(patientId, doctorId)) {
            teams.add(patientId, doctorId, UserRole.DOCTOR);
            changed(patientId);
        }
        return users.findActive(patientId).orElseThrow();
    }

    /** {@code DELETE /users/relationships/unlink}: idempotent; answers the patient. */
    @Transactional
    public User unlinkDoctor(UUID doctorId, UUID patientId) {
        resolve(doctorId, patientId, UserRole.DOCTOR, true);
        if (teams.remove(patientId, doctorId)) {
            changed(patientId);
        }
        return users.findActive(patientId).orElseThrow();
    }

    /** {@code GET /users/relationships/check}. */
    public boolean isAssigned(UUID doctorId, UUID patientId) {
        resolve(doctorId, patientId, UserRole.DOCTOR, false);
        return teams.isMember(patientId, doctorId);
    }

    /** Adds a doctor or caretaker (their own role decides which) at the end of the escalation order. */
    @Transactional
    public CareTeam addMember(UUID patientId, UUID memberId) {
        User member = users.findActive(memberId)
                .orElseThrow(() -> ApiProblem.notFound("No active user with id " + memberId + " (member_id)"));
        if (member.role() != UserRole.DOCTOR && member.role() != UserRole.CARETAKER) {
            throw ApiProblem.invalidField("member_id", "user " + memberId + " is a " + member.role().json()
                    + "; a care team holds doctors and caretakers");
        }
        resolve(memberId, patientId, member.role(), true);
        if (!teams.isMember(patientId, memberId)) {
            teams.add(patientId, memberId, member.role());
            changed(patientId);
        }
        return new CareTeam(patientId, teams.members(patientId));
    }

    @Transactional
    public CareTeam removeMember(UUID patientId, UUID memberId) {
        lockPatient(patientId);
        if (!teams.remove(patientId, memberId)) {
            throw ApiProblem.notFound("User " + memberId + " is not on the care team of patient " + patientId);
        }
        changed(patientId);
        return new CareTeam(patientId, teams.members(patientId));
    }

    public CareTeam careTeam(UUID patientId) {
        patient(patientId);
        return new CareTeam(patientId, teams.members(patientId));
    }

    /** PATCH doctor_id: links the doctor if needed and makes them primary. The caller holds the patient's lock. */
    @Transactional
    public void setPrimaryDoctor(User patient, UUID doctorId) {
        User doctor = users.findActive(doctorId)
                .orElseThrow(() -> ApiProblem.notFound("No active user with id " + doctorId + " (doctor_id)"));
        if (doctor.role() != UserRole.DOCTOR) {
            throw ApiProblem.invalidField("doctor_id", "user " + doctorId + " is a " + doctor.role().json()
                    + ", not a doctor");
        }
        teams.add(patient.id(), doctorId, UserRole.DOCTOR);
        teams.makePrimary(patient.id(), doctorId);
        changed(patient.id());
    }

    /** Takes a deactivated person off every team they were on. */
    @Transactional
    public void removeEverywhere(User member) {
        for (UUID patientId : teams.patientsOf(member.id())) {
            users.lockActive(patientId);
            teams.remove(patientId, member.id());
            changed(patientId);
        }
    }

    private void changed(UUID patientId) {
        users.touch(patientId, clock.instant().truncatedTo(ChronoUnit.MICROS));
        events.careTeamChanged(new CareTeam(patientId, teams.members(patientId)).event());
    }

    /**
     * Validates a link: no self-link, both exist and are active, the roles fit. With {@code lock}, holds the
     * patient's row until the transaction ends, so changes to one team are applied one at a time.
     */
    private void resolve(UUID memberId, UUID patientId, UserRole memberRole, boolean lock) {
        String field = memberRole == UserRole.DOCTOR ? "doctor_id" : "member_id";
        if (memberId.equals(patientId)) {
            throw ApiProblem.badRequest("A user cannot be linked to themselves (" + field + " equals patient_id)");
        }
        User member = users.findActive(memberId)
                .orElseThrow(() -> ApiProblem.notFound("No active user with id " + memberId + " (" + field + ")"));
        if (member.role() != memberRole) {
            throw ApiProblem.invalidField(field, "user " + memberId + " is a " + member.role().json() + ", not a "
                    + memberRole.json());
        }
        if (lock) {
            lockPatient(patientId);
        } else {
            patient(patientId);
        }
    }

    private User lockPatient(UUID patientId) {
        User patient = users.lockActive(patientId).orElseThrow(
                () -> ApiProblem.notFound("No active user with id " + patientId + " (patient_id)"));
        return requirePatient(patient);
    }

    private User patient(UUID patientId) {
        return requirePatient(users.findActive(patientId).orElseThrow(
                () -> ApiProblem.notFound("No active user with id " + patientId + " (patient_id)")));
    }

    private static User requirePatient(User user) {
        if (user.role() != UserRole.PATIENT) {
            throw ApiProblem.invalidField("patient_id", "user " + user.id() + " is a " + user.role().json()
                    + ", not a patient");
        }
        return user;
    }
}
