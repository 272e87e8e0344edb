package org.hhms.security;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.hhms.tokens.CallerRole;
import org.hhms.web.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The one place a service decides whether the caller may touch a patient's data (the role matrix in
 * docs/security.md). Admins and HHMS services may do everything; everyone else needs the named relation to the
 * patient. A refusal is always 403 and is decided before the patient is looked up, so it says nothing about
 * whether the patient exists.
 */
public class PatientAccess {

    /** How a caller stands to a patient. */
    public enum Relation {
        /** the patient themself */
        SELF("the patient"),
        /** a doctor on the patient's care team */
        DOCTOR("the patient's doctors"),
        /** a caretaker on the patient's care team */
        CARETAKER("the patient's caretakers"),
        /** a registered device of the patient */
        DEVICE("the patient's devices");

        private final String who;

        Relation(String who) {
            this.who = who;
        }
    }

    private final CareTeamLookup careTeams;

    public PatientAccess(CareTeamLookup careTeams) {
        this.careTeams = careTeams;
    }

    /** The request attribute naming the patient the current request concerns (read by the audit trail). */
    public static final String PATIENT_ATTRIBUTE = PatientAccess.class.getName() + ".patient";

    /** Names the patient the current request concerns: every access check does, so its audit record can tell. */
    public static void concerning(UUID patientId) {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes != null && patientId != null) {
            attributes.setAttribute(PATIENT_ATTRIBUTE, patientId, RequestAttributes.SCOPE_REQUEST);
        }
    }

    /** The patient the current request concerns, as named by its access check, or null. */
    public static UUID concernedPatient() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        return attributes != null && attributes.getAttribute(PATIENT_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST)
                instanceof UUID patient ? patient : null;
    }

    /** Returns the caller when one of the relations holds; otherwise a 403 naming who may. */
    public Caller require(UUID patientId, Relation... allowed) {
        Caller caller = Caller.current();
        concerning(patientId);
        if (caller.unrestricted() || holds(caller, patientId, allowed)) {
            return caller;
        }
        throw forbidden("Only " + describe(allowed) + "admins may do this for patient " + patientId
                + "; you are signed in as " + caller.role().claim());
    }

    /** Whether the caller may see this patient's data (for filtering, e.g. a live stream); never throws 403. */
    public boolean permits(Caller caller, UUID patientId, Relation... allowed) {
        return caller.unrestricted() || holds(caller, patientId, allowed);
    }

    /** Returns the caller when it has one of the roles (admins and services always do); otherwise a 403. */
    public Caller requireRole(CallerRole... roles) {
        Caller caller = Caller.current();
        if (caller.unrestricted() || Arrays.asList(roles).contains(caller.role())) {
            return caller;
        }
        String allowed = Arrays.stream(roles).map(r -> r.claim() + "s").collect(Collectors.joining(", "));
        throw forbidden("Only " + (allowed.isEmpty() ? "" : allowed + " and ") + "admins may do this; you are signed in as "
                + caller.role().claim());
    }

    /** Returns the caller when it is this person (or an admin or service); otherwise a 403. */
    public Caller requireSelf(UUID userId) {
        Caller caller = Caller.current();
        if (caller.unrestricted() || (userId.equals(caller.id()) && caller.role() != CallerRole.DEVICE)) {
            return caller;
        }
        throw forbidden("Only user " + userId + " themself and admins may do this");
    }

    /** The relation of a (restricted) caller to a patient, or null when there is none. */
    public Relation relationOf(Caller caller, UUID patientId) {
        return switch (caller.role()) {
            case PATIENT -> patientId.equals(caller.id()) ? Relation.SELF : null;
            case DEVICE -> patientId.equals(caller.patientId()) ? Relation.DEVICE : null;
            case DOCTOR, CARETAKER -> {
                Map<UUID, CallerRole> members = careTeams.membersOf(patientId);
                CallerRole role = members.get(caller.id());
                if (role == CallerRole.DOCTOR && caller.role() == CallerRole.DOCTOR) {
                    yield Relation.DOCTOR;
                }
                yield role == CallerRole.CARETAKER && caller.role() == CallerRole.CARETAKER ? Relation.CARETAKER
                        : null;
            }
            case ADMIN, SERVICE -> null;
        };
    }

    private boolean holds(Caller caller, UUID patientId, Relation... allowed) {
        Relation relation = relationOf(caller, patientId);
        return relation != null && Arrays.asList(allowed).contains(relation);
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(HttpStatus.FORBIDDEN, detail);
    }

    private static String describe(Relation... allowed) {
        List<String> who = Arrays.stream(allowed).map(r -> r.who).toList();
        return who.isEmpty() ? "" : String.join(", ", who) + " and ";
    }
}
