package org.hhms.users.device;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code devices}; it never leaves {@link DeviceRepository}. Only the token's hash is stored. */
@Entity
@Table(name = "devices")
class DeviceEntity {

    @Id
    private UUID id;
    private UUID patientId;
    private String deviceId;
    private String description;
    private String tokenHash;
    private UUID createdBy;
    private Instant createdAt;
    private Instant expiresAt;
    private Instant revokedAt;
    private UUID revokedBy;

    protected DeviceEntity() {
    }

    static DeviceEntity of(Device device, String tokenHash) {
        DeviceEntity row = new DeviceEntity();
        row.id = device.id();
        row.patientId = device.patientId();
        row.deviceId = device.deviceId();
        row.description = device.description();
        row.tokenHash = tokenHash;
        row.createdBy = device.createdBy();
        row.createdAt = device.createdAt();
        row.expiresAt = device.expiresAt();
        return row;
    }

    UUID id() {
        return id;
    }

    Device toDevice() {
        return new Device(id, patientId, deviceId, description, createdBy, createdAt, expiresAt, revokedAt, null);
    }

    void revoke(UUID by, Instant now) {
        revokedAt = now;
        revokedBy = by;
    }
}
