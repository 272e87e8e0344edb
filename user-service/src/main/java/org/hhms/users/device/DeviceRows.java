package org.hhms.users.device;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

/** Spring Data JPA over {@code devices}; only {@link DeviceRepository} uses it. */
interface DeviceRows extends JpaRepository<DeviceEntity, UUID> {

    List<DeviceEntity> findByPatientIdOrderByCreatedAtAscIdAsc(UUID patientId);

    Optional<DeviceEntity> findByPatientIdAndId(UUID patientId, UUID id);

    /** The patient's devices in use, locked: two revocations do not both win. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("SELECT d FROM DeviceEntity d WHERE d.patientId = :patientId AND d.revokedAt IS NULL")
    List<DeviceEntity> lockInUse(UUID patientId);

    /** This device of the patient if in use, locked. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("SELECT d FROM DeviceEntity d WHERE d.patientId = :patientId AND d.id = :id AND d.revokedAt IS NULL")
    List<DeviceEntity> lockInUse(UUID patientId, UUID id);

    @Query("SELECT d.id FROM DeviceEntity d WHERE d.revokedAt IS NOT NULL AND d.expiresAt > :now")
    List<UUID> revokedUnexpired(Instant now);
}
