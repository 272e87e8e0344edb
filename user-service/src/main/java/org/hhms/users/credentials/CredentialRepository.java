package org.hhms.users.credentials;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.EntityManager;

import org.hhms.web.DetachedRows;
import org.springframework.stereotype.Repository;

/**
 * Password hashes ({@code credentials}) and refresh tokens ({@code refresh_tokens}), through Spring Data JPA;
 * callers get hashes and {@link RefreshToken} records, never entities ({@link DetachedRows}).
 */
@Repository
public class CredentialRepository {

    /** A stored refresh token. */
    public record RefreshToken(UUID id, UUID userId, Instant expiresAt, Instant revokedAt) {
    }

    private final CredentialRows credentials;
    private final RefreshTokenRows refreshTokens;
    private final DetachedRows detached;

    public CredentialRepository(CredentialRows credentials, RefreshTokenRows refreshTokens,
            EntityManager entityManager) {
        this.credentials = credentials;
        this.refreshTokens = refreshTokens;
        this.detached = new DetachedRows(entityManager);
    }

    /** Sets or replaces the person's password hash (callers hold the person's row lock or just created them). */
    public void setPassword(UUID userId, String hash, Instant now) {
        Optional<CredentialEntity> existing = credentials.findById(userId);
        CredentialEntity row = existing.orElseGet(() -> new CredentialEntity(userId));
        row.setPassword(hash, now);
        if (existing.isPresent()) {
            detached.written(row);
        } else {
            detached.insert(row);
        }
    }

    public Optional<String> passwordHash(UUID userId) {
        return credentials.findById(userId).map(row -> detached.read(row, CredentialEntity::passwordHash));
    }

    public void insertRefreshToken(UUID id, UUID userId, String hash, Instant issuedAt, Instant expiresAt) {
        detached.insert(new RefreshTokenEntity(id, userId, hash, issuedAt, expiresAt));
    }

    /** The token with this hash, locked for the rest of the transaction (two refreshes cannot both win). */
    public Optional<RefreshToken> lockRefreshToken(String hash) {
        return refreshTokens.findByTokenHash(hash).map(row -> detached.read(row, RefreshTokenEntity::toToken));
    }

    public void revokeRefreshToken(UUID id, UUID replacedBy, Instant now) {
        refreshTokens.findById(id).ifPresent(row -> {
            row.revoke(replacedBy, now);
            detached.written(row);
        });
    }

    public int revokeAllRefreshTokens(UUID userId, Instant now) {
        return refreshTokens.revokeAll(userId, now);
    }
}
