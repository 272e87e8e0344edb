package org.hhms.users.device;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.EntityManager;

import org.hhms.web.DetachedRows;
import org.springframework.stereotype.Repository;

/** The {@code devices} table, through Spring Data JPA ({@link DeviceRows}); callers get {@link Device} records. */
@Repository
public class DeviceRepository {

    private final DeviceRows rows;
    private final DetachedRows detached;

    public DeviceRepository(DeviceRows rows, EntityManager entityManager) {
        this.rows = rows;
        this.detached = new DetachedRows(entityManager);
    }

    /** Stores a device; a label already in use for the patient raises DuplicateKeyException. */
    public void insert(Device device, String tokenHash) {
        detached.insert(DeviceEntity.of(device, tokenHash));
    }

    public List<Device> ofPatient(UUID patientId) {
        return rows.findByPatientIdOrderByCreatedAtAscIdAsc(patientId).stream().map(this::read).toList();
    }

    public Optional<Device> find(UUID patientId, UUID id) {
        return rows.findByPatientIdAndId(patientId, id).map(this::read);
    }

    /** Revokes the patient's device (or all of them when {@code id} is null); returns the ids revoked now. */
    public List<UUID> revoke(UUID patientId, UUID id, UUID by, Instant now) {
        List<DeviceEntity> inUse = id == null ? rows.lockInUse(patientId) : rows.lockInUse(patientId, id);
        return inUse.stream().map(row -> {
            row.revoke(by, now);
            detached.written(row);
            return row.id();
        }).toList();
    }

    /** Revoked devices whose tokens have not expired yet: the ones verifiers must still refuse. */
    public List<UUID> revokedUnexpired(Instant now) {
        return rows.revokedUnexpired(now);
    }

    private Device read(DeviceEntity row) {
        return detached.read(row, DeviceEntity::toDevice);
    }
}
