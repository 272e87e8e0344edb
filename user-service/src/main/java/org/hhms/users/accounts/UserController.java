package org.hhms.users.accounts;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.hhms.security.Caller;
import org.hhms.security.PatientAccess;
import org.hhms.security.PatientAccess.Relation;
import org.hhms.tokens.CallerRole;
import org.hhms.web.ApiProblem;
import org.hhms.users.user.User;
import org.hhms.users.user.UserResponse;
import org.hhms.users.user.UserRole;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;

/** The HHMS {@code /users} API for people. */
@RestController
@RequestMapping("/users")
public class UserController {

    static final int MAX_LIST = 1000;

    private final UserService service;
    private final PatientAccess access;

    public UserController(UserService service, PatientAccess access) {
        this.service = service;
        this.access = access;
    }

    /** Admins register anyone; doctors register patients (who get them as primary doctor) and caretakers. */
    @PostMapping("/register")
    public ResponseEntity<UserResponse> register(@Valid @RequestBody RegisterUserRequest request) {
        Caller caller = access.requireRole(CallerRole.DOCTOR);
        boolean byDoctor = caller.is(CallerRole.DOCTOR);
        if (byDoctor && request.role() != UserRole.PATIENT && request.role() != UserRole.CARETAKER) {
            throw PatientAccess.forbidden("Doctors may register patients and caretakers only; ask an admin to "
                    + "register a " + request.role().json());
        }
        User user = service.register(request, byDoctor ? caller.id() : null);
        return ResponseEntity.created(URI.create("/users/" + user.id())).body(UserResponse.of(user));
    }

    /** Yourself, or a patient whose care team you are on. */
    @GetMapping("/{id}")
    public UserResponse get(@PathVariable UUID id) {
        requireSelfOrCareTeam(id);
        return UserResponse.of(service.get(id));
    }

    /**
     * Admins look anyone up by email; others only themselves and their patients, and are answered 403 alike for
     * an unknown address and for someone else's, so the route cannot probe which addresses are registered.
     */
    @GetMapping("/email/{email}")
    public UserResponse getByEmail(@PathVariable String email) {
        Caller caller = Caller.current();
        if (caller.unrestricted()) {
            return UserResponse.of(service.getByEmail(email));
        }
        try {
            User user = service.getByEmail(email);
            requireSelfOrCareTeam(user.id());
            return UserResponse.of(user);
        } catch (ErrorResponseException e) {
            throw PatientAccess.forbidden("You may look up only yourself and your patients by email");
        }
    }

    /**
     * Yourself or, for a patient, their doctors; a password only by its owner or an admin, the primary doctor not
     * by the patient. {@code POST /users/{id}} is the seed system's name for the same update, kept beside
     * {@code PATCH} so its clients work unchanged.
     */
    @RequestMapping(path = "/{id}", method = { RequestMethod.PATCH, RequestMethod.POST })
    public UserResponse update(@PathVariable UUID id, @Valid @RequestBody UpdateUserRequest request) {
        Caller caller = Caller.current();
        boolean self = id.equals(caller.id()) && !caller.is(CallerRole.DEVICE);
        if (!self) {
            access.require(id, Relation.DOCTOR);
        }
        if (request.password() != null && !self && !caller.unrestricted()) {
            throw PatientAccess.forbidden("password: only its owner or an admin may set it");
        }
        if (request.doctorId() != null && self && !caller.unrestricted()) {
            throw PatientAccess.forbidden("doctor_id: a patient's primary doctor is set by their doctors or an admin");
        }
        return UserResponse.of(service.update(id, request));
    }

    /** Admins only. Deactivates (204): the person's records are kept, but they disappear from lookups, lists and care teams. */
    @DeleteMapping("/{id}")
    public ResponseEntity<Void> deactivate(@PathVariable UUID id) {
        access.requireRole();
        service.deactivate(id);
        return ResponseEntity.noContent().build();
    }

    /** The directory of active people, by name (admins): {@code role} one role, {@code limit} 1–1000 (500). */
    @GetMapping
    public List<UserResponse> list(@RequestParam(required = false) String role,
            @RequestParam(defaultValue = "500") int limit) {
        access.requireRole();
        if (limit < 1 || limit > MAX_LIST) {
            throw ApiProblem.invalidField("limit", "must be 1 to " + MAX_LIST + ", not " + limit);
        }
        UserRole only = null;
        if (role != null) {
            try {
                only = UserRole.parse(role);
            } catch (IllegalArgumentException e) {
                throw ApiProblem.invalidField("role", "must be one of " + UserRole.allowed() + ", not '" + role + "'");
            }
        }
        return service.list(only, limit).stream().map(UserResponse::of).toList();
    }

    /** A doctor's or caretaker's own patients (admins: anyone's). */
    @GetMapping("/{doctorId}/patients")
    public List<UserResponse> patients(@PathVariable UUID doctorId) {
        access.requireSelf(doctorId);
        return service.patientsOf(doctorId).stream().map(UserResponse::of).toList();
    }

    private void requireSelfOrCareTeam(UUID id) {
        Caller caller = Caller.current();
        if (!id.equals(caller.id()) || caller.is(CallerRole.DEVICE)) {
            access.require(id, Relation.DOCTOR, Relation.CARETAKER);
        }
    }
}
