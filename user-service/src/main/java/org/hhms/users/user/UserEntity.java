package org.hhms.users.user;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Formula;

/**
 * A row of {@code users} as JPA maps it. It never leaves {@link UserRepository}, which hands out {@link User}
 * records. The primary doctor is read from the care team, so it can never disagree with it.
 */
@Entity
@Table(name = "users")
class UserEntity {

    @Id
    private UUID id;
    private String email;
    private String fullName;
    private String role;
    private String phone;
    private String organization;
    @Column(name = "is_active")
    private boolean active;
    private Instant createdAt;
    private Instant updatedAt;
    @Formula("(SELECT m.member_id FROM care_team_members m WHERE m.patient_id = id AND m.is_primary)")
    private UUID doctorId;

    protected UserEntity() {
    }

    static UserEntity of(User user) {
        UserEntity row = new UserEntity();
        row.id = user.id();
        row.email = user.email();
        row.fullName = user.fullName();
        row.role = user.role().json();
        row.phone = user.phone();
        row.organization = user.organization();
        row.active = true;
        row.createdAt = user.createdAt();
        row.updatedAt = user.updatedAt();
        return row;
    }

    User toUser() {
        return new User(id, email, fullName, UserRole.parse(role), phone, organization, active, doctorId, createdAt,
                updatedAt);
    }

    void change(String email, String fullName, String phone, String organization, Instant now) {
        this.email = email;
        this.fullName = fullName;
        this.phone = phone;
        this.organization = organization;
        this.updatedAt = now;
    }

    void deactivate(Instant now) {
        this.active = false;
        this.updatedAt = now;
    }

    void touch(Instant now) {
        this.updatedAt = now;
    }
}
