package org.hhms.users.credentials;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code credentials}: a person's password hash (bcrypt). It never leaves {@link CredentialRepository}. */
@Entity
@Table(name = "credentials")
class CredentialEntity {

    @Id
    private UUID userId;
    private String passwordHash;
    private Instant updatedAt;

    protected CredentialEntity() {
    }

    CredentialEntity(UUID userId) {
        this.userId = userId;
    }

    String passwordHash() {
        return passwordHash;
    }

    void setPassword(String hash, Instant now) {
        passwordHash = hash;
        updatedAt = now;
    }
}
