package org.hhms.vitals.patients;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The local view of patients: whether each patient this service has heard of is active. */
@Repository
public class KnownPatientRepository {

    private final JdbcClient jdbc;

    public KnownPatientRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Empty when the patient is unknown here; else whether they are active. */
    public Optional<Boolean> isActive(UUID patientId) {
        return jdbc.sql("SELECT active FROM known_patients WHERE patient_id = :id").param("id", patientId)
                .query(Boolean.class).optional();
    }

    /** Records what we learnt, unless we already know something newer (events may arrive twice or late). */
    public void remember(UUID patientId, boolean active, Instant asOf) {
        jdbc.sql("""
                INSERT INTO known_patients (patient_id, active, updated_at) VALUES (:id, :active, :asOf)
                ON CONFLICT (patient_id) DO UPDATE SET active = excluded.active, updated_at = excluded.updated_at
                 WHERE known_patients.updated_at <= excluded.updated_at
                """).param("id", patientId).param("active", active).param("asOf", Timestamp.from(asOf)).update();
    }
}
