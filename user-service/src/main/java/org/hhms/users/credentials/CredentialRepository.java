package org.hhms.users.credentials;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Password hashes ({@code credentials}) and refresh tokens ({@code refresh_tokens}). */
@Repository
public class CredentialRepository {

    /** A stored refresh token. */
    public record RefreshToken(UUID id, UUID userId, Instant expiresAt, Instant revokedAt) {
    }

    private final JdbcClient jdbc;

    public CredentialRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void setPassword(UUID userId, String hash, Instant now) {
        jdbc.sql("""
                INSERT INTO credentials (user_id, password_hash, updated_at) VALUES (:u, :h, :t)
                ON CONFLICT (user_id) DO UPDATE SET password_hash = excluded.password_hash,
                                                    updated_at = excluded.updated_at
                """).param("u", userId).param("h", hash).param("t", Timestamp.from(now)).update();
    }

    public Optional<String> passwordHash(UUID userId) {
        return jdbc.sql("SELECT password_hash FROM credentials WHERE user_id = :u").param("u", userId)
                .query(String.class).optional();
    }

    public void insertRefreshToken(UUID id, UUID userId, String hash, Instant issuedAt, Instant expiresAt) {
        jdbc.sql("""
                INSERT INTO refresh_tokens (id, user_id, token_hash, issued_at, expires_at)
                VALUES (:id, :u, :h, :i, :e)
                """).param("id", id).param("u", userId).param("h", hash).param("i", Timestamp.from(issuedAt))
                .param("e", Timestamp.from(expiresAt)).update();
    }

    /** The token with this hash, locked for the rest of the transaction (two refreshes cannot both win). */
    public Optional<RefreshToken> lockRefreshToken(String hash) {
        return jdbc.sql("""
                SELECT id, user_id, expires_at, revoked_at FROM refresh_tokens WHERE token_hash = :h FOR UPDATE
                """).param("h", hash)
                .query((rs, n) -> new RefreshToken(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class),
                        rs.getTimestamp("expires_at").toInstant(),
                        rs.getTimestamp("revoked_at") == null ? null : rs.getTimestamp("revoked_at").toInstant()))
                .optional();
    }

    public void revokeRefreshToken(UUID id, UUID replacedBy, Instant now) {
        jdbc.sql("UPDATE refresh_tokens SET revoked_at = :t, replaced_by = :r WHERE id = :id AND revoked_at IS NULL")
                .param("t", Timestamp.from(now)).param("r", replacedBy).param("id", id).update();
    }

    public int revokeAllRefreshTokens(UUID userId, Instant now) {
        return jdbc.sql("UPDATE refresh_tokens SET revoked_at = :t WHERE user_id = :u AND revoked_at IS NULL")
                .param("t", Timestamp.from(now)).param("u", userId).update();
    }
}
