package org.hhms.users.credentials;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/** Spring Data JPA over {@code refresh_tokens}; only {@link CredentialRepository} uses it. */
interface RefreshTokenRows extends JpaRepository<RefreshTokenEntity, UUID> {

    /** Locked for the rest of the transaction: two refreshes with one token cannot both win. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    Optional<RefreshTokenEntity> findByTokenHash(String tokenHash);

    /** Every token of the person still valid, revoked in one statement; returns how many. */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("UPDATE RefreshTokenEntity t SET t.revokedAt = :now WHERE t.userId = :userId AND t.revokedAt IS NULL")
    int revokeAll(UUID userId, Instant now);
}
