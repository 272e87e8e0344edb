package org.hhms.users.user;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.NativeQuery;
import org.springframework.data.jpa.repository.Query;

/** Spring Data JPA over {@code users}; only {@link UserRepository} uses it. */
interface UserRows extends JpaRepository<UserEntity, UUID> {

    Optional<UserEntity> findByIdAndActiveTrue(UUID id);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("SELECT u FROM UserEntity u WHERE u.id = :id AND u.active")
    Optional<UserEntity> lockActive(UUID id);

    @Query("SELECT u FROM UserEntity u WHERE lower(u.email) = lower(:email) AND u.active")
    Optional<UserEntity> findActiveByEmail(String email);

    /** The patients on whose care team this person is (the team's table belongs to the careteam package). */
    @NativeQuery("SELECT patient_id FROM care_team_members WHERE member_id = :memberId")
    List<UUID> patientIdsOf(UUID memberId);

    List<UserEntity> findByIdInAndActiveTrueOrderByFullNameAscIdAsc(Collection<UUID> ids);

    @Query("SELECT u FROM UserEntity u WHERE u.active AND (:role IS NULL OR u.role = :role) ORDER BY u.fullName, u.id")
    List<UserEntity> findActive(String role, Limit limit);
}
