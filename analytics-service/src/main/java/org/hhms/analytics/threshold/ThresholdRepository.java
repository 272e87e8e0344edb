package org.hhms.analytics.threshold;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.EntityManager;

import org.hhms.web.DetachedRows;
import org.hhms.web.SqlArrays;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Thresholds, one per patient and metric: Spring Data JPA ({@link ThresholdRows}) for the API's reads and writes;
 * the read of every batch's judgement ({@link #forPatients}) is plain SQL, as the rest of the evaluation path is
 * (docs/architecture.md, "Persistence").
 */
@Repository
public class ThresholdRepository {

    private final ThresholdRows rows;
    private final DetachedRows detached;
    private final JdbcClient jdbc;

    public ThresholdRepository(ThresholdRows rows, EntityManager entityManager, JdbcClient jdbc) {
        this.rows = rows;
        this.detached = new DetachedRows(entityManager);
        this.jdbc = jdbc;
    }

    /** The patient's thresholds by metric. */
    public List<Threshold> forPatient(UUID patientId) {
        return jdbc.sql("SELECT * FROM thresholds WHERE patient_id = :p ORDER BY metric").param("p", patientId)
                .query(ThresholdRepository::map).list();
    }

    /** The thresholds of many patients in one statement: read for every batch of readings judged, so SQL. */
    public List<Threshold> forPatients(Collection<UUID> patients) {
        return jdbc.sql("SELECT * FROM thresholds WHERE patient_id = ANY (CAST(:patients AS uuid[]))")
                .param("patients", SqlArrays.of(patients, UUID::toString)).query(ThresholdRepository::map).list();
    }

    /** The threshold of (patient, metric), locked for the rest of the transaction. */
    public Optional<Threshold> find(UUID patientId, String metric) {
        return rows.findByPatientIdAndMetric(patientId, metric)
                .map(row -> detached.read(row, ThresholdEntity::toThreshold));
    }

    /**
     * Inserts or replaces the bounds of (patient, metric); the row keeps its id and creation time, and a bound set
     * is no longer switched off.
     */
    public Threshold upsert(UUID patientId, String metric, Double min, Double max, Instant now) {
        rows.upsertBounds(UUID.randomUUID(), patientId, metric, min, max, now);
        return find(patientId, metric).orElseThrow();
    }

    /** Writes the whole plan of (patient, metric); a plan with nothing of its own is removed (defaults apply). */
    public void savePlan(UUID patientId, String metric, Double min, boolean minOff, Double max, boolean maxOff,
            Integer persistSeconds, Instant now) {
        if (min == null && max == null && !minOff && !maxOff && persistSeconds == null) {
            rows.deletePlan(patientId, metric);
            return;
        }
        rows.upsertPlan(UUID.randomUUID(), patientId, metric, min, minOff, max, maxOff, persistSeconds, now);
    }

    private static Threshold map(ResultSet rs, int row) throws SQLException {
        return new Threshold(rs.getObject("id", UUID.class), rs.getObject("patient_id", UUID.class),
                rs.getString("metric"), rs.getObject("min_value", Double.class),
                rs.getObject("max_value", Double.class), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(), rs.getBoolean("min_off"), rs.getBoolean("max_off"),
                rs.getObject("persist_seconds", Integer.class));
    }
}
