package org.hhms.users.device;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code devices} table. */
@Repository
public class DeviceRepository {

    private static final String SELECT = """
            SELECT id, patient_id, device_id, description, created_by, created_at, expires_at, revoked_at
              FROM devices
            """;

    private final JdbcClient jdbc;

    public DeviceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Device device, String tokenHash) {
        jdbc.sql("""
                INSERT INTO devices (id, patient_id, device_id, description, token_hash, created_by, created_at,
                                     expires_at)
                VALUES (:id, :p, :d, :desc, :h, :by, :at, :exp)
                """).param("id", device.id()).param("p", device.patientId()).param("d", device.deviceId())
                .param("desc", device.description()).param("h", tokenHash).param("by", device.createdBy())
                .param("at", Timestamp.from(device.createdAt())).param("exp", Timestamp.from(device.expiresAt()))
                .update();
    }

    public List<Device> ofPatient(UUID patientId) {
        return jdbc.sql(SELECT + " WHERE patient_id = :p ORDER BY created_at, id").param("p", patientId)
                .query(DeviceRepository::map).list();
    }

    public Optional<Device> find(UUID patientId, UUID id) {
        return jdbc.sql(SELECT + " WHERE patient_id = :p AND id = :id").param("p", patientId).param("id", id)
                .query(DeviceRepository::map).optional();
    }

    /** Revokes the patient's device (or all of them when {@code id} is null); returns the ids revoked now. */
    public List<UUID> revoke(UUID patientId, UUID id, UUID by, Instant now) {
        return jdbc.sql("""
                UPDATE devices SET revoked_at = :t, revoked_by = :by
                 WHERE patient_id = :p AND (CAST(:id AS uuid) IS NULL OR id = :id) AND revoked_at IS NULL
                RETURNING id
                """).param("t", Timestamp.from(now)).param("by", by).param("p", patientId).param("id", id)
                .query(UUID.class).list();
    }

    /** Revoked devices whose tokens have not expired yet: the ones verifiers must still refuse. */
    public List<UUID> revokedUnexpired(Instant now) {
        return jdbc.sql("SELECT id FROM devices WHERE revoked_at IS NOT NULL AND expires_at > :t")
                .param("t", Timestamp.from(now)).query(UUID.class).list();
    }

    private static Device map(ResultSet rs, int row) throws SQLException {
        Timestamp revoked = rs.getTimestamp("revoked_at");
        return new Device(rs.getObject("id", UUID.class), rs.getObject("patient_id", UUID.class),
                rs.getString("device_id"), rs.getString("description"), rs.getObject("created_by", UUID.class),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("expires_at").toInstant(),
                revoked == null ? null : revoked.toInstant(), null);
    }
}
