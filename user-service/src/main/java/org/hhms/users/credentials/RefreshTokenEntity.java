package org.hhms.users.credentials;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code refresh_tokens} (the token's SHA-256 only); it never leaves {@link CredentialRepository}. */
@Entity
@Table(name = "refresh_tokens")
class RefreshTokenEntity {

    @Id
    private UUID id;
    private UUID userId;
    private String tokenHash;
    private Instant issuedAt;
    private Instant expiresAt;
    private Instant revokedAt;
    private UUID replacedBy;

    protected RefreshTokenEntity() {
    }

    RefreshTokenEntity(UUID id, UUID userId, String tokenHash, Instant issuedAt, Instant expiresAt) {
        this.id = id;
        this.userId = userId;
        this.tokenHash = tokenHash;
        this.issuedAt = issuedAt;
        this.expiresAt = expiresAt;
    }

    CredentialRepository.RefreshToken toToken() {
        return new CredentialRepository.RefreshToken(id, userId, expiresAt, revokedAt);
    }

    /** Revokes it unless it already was (the first revocation's time and successor stand). */
    void revoke(UUID successor, Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
            replacedBy = successor;
        }
    }
}
