package org.hhms.users.user;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.persistence.EntityManager;

import org.hhms.web.DetachedRows;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Repository;

/**
 * Users in PostgreSQL, through Spring Data JPA ({@link UserRows}); callers get {@link User} records, never entities
 * ({@link DetachedRows}). Only active users are ever read: a deactivated person is invisible to the API.
 */
@Repository
public class UserRepository {

    private final UserRows rows;
    private final DetachedRows detached;

    public UserRepository(UserRows rows, EntityManager entityManager) {
        this.rows = rows;
        this.detached = new DetachedRows(entityManager);
    }

    /** Inserts a user; a taken email (any case) raises DuplicateKeyException from the unique index. */
    public void insert(User user) {
        detached.insert(UserEntity.of(user));
    }

    public Optional<User> findActive(UUID id) {
        return rows.findByIdAndActiveTrue(id).map(this::read);
    }

    /** Locks the row until the transaction ends, so concurrent changes to one person are applied one at a time. */
    public Optional<User> lockActive(UUID id) {
        return rows.lockActive(id).map(this::read);
    }

    public Optional<User> findActiveByEmail(String email) {
        return rows.findActiveByEmail(email).map(this::read);
    }

    /** Active people, of one role or all, by name, at most {@code limit}. */
    public List<User> findActive(UserRole role, int limit) {
        return rows.findActive(role == null ? null : role.json(), Limit.of(limit)).stream().map(this::read).toList();
    }

    /** The active patients for whom this doctor is on the care team, by name. */
    public List<User> findPatientsOf(UUID doctorId) {
        return rows.findByIdInAndActiveTrueOrderByFullNameAscIdAsc(rows.patientIdsOf(doctorId)).stream()
                .map(this::read).toList();
    }

    public void update(UUID id, String email, String fullName, String phone, String organization, Instant now) {
        change(id, row -> row.change(email, fullName, phone, organization, now));
    }

    public void deactivate(UUID id, Instant now) {
        change(id, row -> row.deactivate(now));
    }

    public void touch(UUID id, Instant now) {
        change(id, row -> row.touch(now));
    }

    private void change(UUID id, Consumer<UserEntity> change) {
        rows.findById(id).ifPresent(row -> {
            change.accept(row);
            detached.written(row);
        });
    }

    private User read(UserEntity row) {
        return detached.read(row, UserEntity::toUser);
    }
}
