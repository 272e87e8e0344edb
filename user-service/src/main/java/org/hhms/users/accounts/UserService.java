package org.hhms.users.accounts;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.hhms.users.careteam.CareTeamService;
import org.hhms.users.credentials.CredentialRepository;
import org.hhms.users.credentials.Passwords;
import org.hhms.users.device.DeviceService;
import org.hhms.users.events.UserEvents;
import org.hhms.users.user.User;
import org.hhms.users.user.UserCache;
import org.hhms.users.user.UserRepository;
import org.hhms.users.user.UserResponse;
import org.hhms.users.user.UserRole;
import org.hhms.web.ApiProblem;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Registering, reading, changing and deactivating people. Every change publishes its event through the outbox. */
@Service
public class UserService {

    private final UserRepository users;
    private final UserCache cache;
    private final UserEvents events;
    private final CareTeamService careTeams;
    private final CredentialRepository credentials;
    private final Passwords passwords;
    private final DeviceService devices;
    private final Clock clock;

    public UserService(UserRepository users, UserCache cache, UserEvents events, CareTeamService careTeams,
            CredentialRepository credentials, Passwords passwords, DeviceService devices, Clock clock) {
        this.users = users;
        this.cache = cache;
        this.events = events;
        this.careTeams = careTeams;
        this.credentials = credentials;
        this.passwords = passwords;
        this.devices = devices;
        this.clock = clock;
    }

    /**
     * Registers a person, with their password when one is given. A patient registered by a doctor gets that doctor
     * as primary doctor, so the doctor can care for them at once.
     */
    @Transactional
    public User register(RegisterUserRequest request, UUID registeringDoctor) {
        Instant now = now();
        User user = new User(UUID.randomUUID(), request.email().trim().toLowerCase(Locale.ROOT),
                request.fullName().trim(), request.role(), blankToNull(request.phone()),
                blankToNull(request.organization()), true, null, now, now);
        try {
            users.insert(user);
        } catch (DuplicateKeyException e) {
            throw emailTaken(user.email());
        }
        if (request.password() != null) {
            credentials.setPassword(user.id(), passwords.hash(request.password()), now);
        }
        events.registered(UserResponse.of(user).event());
        if (registeringDoctor != null && user.role() == UserRole.PATIENT) {
            careTeams.setPrimaryDoctor(user, registeringDoctor);
            return users.findActive(user.id()).orElseThrow();
        }
        return user;
    }

    /** Cache first; a miss or a Redis outage reads the database. */
    public User get(UUID id) {
        return cache.byId(id).orElseGet(() -> {
            User user = users.findActive(id).orElseThrow(() -> notFound(id));
            cache.put(user);
            return user;
        });
    }

    public User getByEmail(String email) {
        return cache.byEmail(email).orElseGet(() -> {
            User user = users.findActiveByEmail(email.trim())
                    .orElseThrow(() -> ApiProblem.notFound("No active user with email '" + email + "'"));
            cache.put(user);
            return user;
        });
    }

    @Transactional
    public User update(UUID id, UpdateUserRequest request) {
        User current = users.lockActive(id).orElseThrow(() -> notFound(id));
        if (request.doctorId() != null) {
            if (current.role() != UserRole.PATIENT) {
                throw ApiProblem.invalidField("doctor_id", "applies to patients only; user " + id + " is a "
                        + current.role().json());
            }
            careTeams.setPrimaryDoctor(current, request.doctorId());
        }
        String email = request.email() == null ? current.email() : request.email().trim().toLowerCase(Locale.ROOT);
        String fullName = request.fullName() == null ? current.fullName() : request.fullName().trim();
        String phone = request.phone() == null ? current.phone() : request.phone();
        String organization = request.organization() == null ? current.organization() : request.organization();
        try {
            users.update(id, email, fullName, phone, organization, now());
        } catch (DuplicateKeyException e) {
            throw emailTaken(email);
        }
        if (request.password() != null) {
            credentials.setPassword(id, passwords.hash(request.password()), now());
            credentials.revokeAllRefreshTokens(id, now());
        }
        User updated = users.findActive(id).orElseThrow();
        events.updated(UserResponse.of(updated).event());
        evictAfterCommit(id, current.email(), email);
        return updated;
    }

    /**
     * Deactivates a person: the row and everything that names it stay, but the person disappears from lookups and
     * lists, and is taken off every care team it was on (so nobody pages a former doctor).
     */
    @Transactional
    public void deactivate(UUID id) {
        User current = users.lockActive(id).orElseThrow(() -> notFound(id));
        Instant now = now();
        users.deactivate(id, now);
        careTeams.removeEverywhere(current);
        credentials.revokeAllRefreshTokens(id, now);
        if (current.role() == UserRole.PATIENT) {
            devices.revokeAll(id, null);
        }
        events.deactivated(UserResponse.of(new User(current.id(), current.email(), current.fullName(),
                current.role(), current.phone(), current.organization(), false, current.doctorId(),
                current.createdAt(), now)).event());
        evictAfterCommit(id, current.email());
    }

    /** The patients on whose care team this doctor or caretaker is. */
    public List<User> patientsOf(UUID memberId) {
        User member = users.findActive(memberId).orElseThrow(() -> notFound(memberId));
        if (member.role() != UserRole.DOCTOR && member.role() != UserRole.CARETAKER) {
            throw ApiProblem.invalidField("doctor_id", "user " + memberId + " is a " + member.role().json()
                    + ", not a doctor or caretaker");
        }
        return users.findPatientsOf(memberId);
    }

    /** Active people by name, of one role or all, at most {@code limit} (an admin's directory). */
    public List<User> list(UserRole role, int limit) {
        return users.findActive(role, limit);
    }

    private void evictAfterCommit(UUID id, String... emails) {
        // Evict after the commit: evicting before it would let a concurrent read re-cache the old row.
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                cache.evict(id, emails);
            }
        });
    }

    static ApiProblem notFound(UUID id) {
        return ApiProblem.notFound("No active user with id " + id);
    }

    private static ApiProblem emailTaken(String email) {
        return ApiProblem.conflict("email: '" + email + "' is already registered");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** PostgreSQL keeps microseconds: truncate so what we return equals what we stored. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

}
