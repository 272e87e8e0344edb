package org.hhms.users.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Users in PostgreSQL. Only active users are ever read: a deactivated person is invisible to the API. The primary
 * doctor is read from the care team, so {@code doctor_id} can never disagree with it.
 */
@Repository
public class UserRepository {

    private static final String SELECT = """
            SELECT u.id, u.email, u.full_name, u.role, u.phone, u.organization, u.is_active, u.created_at,
                   u.updated_at,
                   (SELECT m.member_id FROM care_team_members m
                     WHERE m.patient_id = u.id AND m.is_primary) AS doctor_id
              FROM users u
            """;

    private final JdbcClient jdbc;

    public UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a user; a taken email (any case) raises DuplicateKeyException from the unique index. */
    public void insert(User user) {
        jdbc.sql("""
                INSERT INTO users (id, email, full_name, role, phone, organization, is_active, created_at, updated_at)
                VALUES (:id, :email, :fullName, :role, :phone, :organization, true, :createdAt, :updatedAt)
                """)
                .param("id", user.id())
                .param("email", user.email())
                .param("fullName", user.fullName())
                .param("role", user.role().json())
                .param("phone", user.phone())
                .param("organization", user.organization())
                .param("createdAt", java.sql.Timestamp.from(user.createdAt()))
                .param("updatedAt", java.sql.Timestamp.from(user.updatedAt()))
                .update();
    }

    public Optional<User> findActive(UUID id) {
        return jdbc.sql(SELECT + " WHERE u.id = :id AND u.is_active").param("id", id).query(UserRepository::map)
                .optional();
    }

    /** Locks the row until the transaction ends, so concurrent changes to one person are applied one at a time. */
    public Optional<User> lockActive(UUID id) {
        return jdbc.sql(SELECT + " WHERE u.id = :id AND u.is_active FOR UPDATE OF u").param("id", id)
                .query(UserRepository::map).optional();
    }

    public Optional<User> findActiveByEmail(String email) {
        return jdbc.sql(SELECT + " WHERE lower(u.email) = lower(:email) AND u.is_active").param("email", email)
                .query(UserRepository::map).optional();
    }

    /** The active patients for whom this doctor is on the care team, by name. */
    public List<User> findPatientsOf(UUID doctorId) {
        return jdbc.sql(SELECT + """
                 JOIN care_team_members t ON t.patient_id = u.id
                WHERE t.member_id = :doctorId AND u.is_active
                ORDER BY u.full_name, u.id
                """).param("doctorId", doctorId).query(UserRepository::map).list();
    }

    public void update(UUID id, String email, String fullName, String phone, String organization, Instant now) {
        jdbc.sql("""
                UPDATE users SET email = :email, full_name = :fullName, phone = :phone,
                                 organization = :organization, updated_at = :now
                 WHERE id = :id
                """)
                .param("id", id).param("email", email).param("fullName", fullName).param("phone", phone)
                .param("organization", organization).param("now", java.sql.Timestamp.from(now))
                .update();
    }

    public void deactivate(UUID id, Instant now) {
        jdbc.sql("UPDATE users SET is_active = false, updated_at = :now WHERE id = :id")
                .param("id", id).param("now", java.sql.Timestamp.from(now)).update();
    }

    public void touch(UUID id, Instant now) {
        jdbc.sql("UPDATE users SET updated_at = :now WHERE id = :id")
                .param("id", id).param("now", java.sql.Timestamp.from(now)).update();
    }

    private static User map(ResultSet rs, int row) throws SQLException {
        return new User(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("full_name"),
                UserRole.parse(rs.getString("role")), rs.getString("phone"), rs.getString("organization"),
                rs.getBoolean("is_active"), rs.getObject("doctor_id", UUID.class),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
