package org.hhms.analytics.threshold;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.hhms.web.SqlArrays;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Thresholds, one per patient and metric, in SQL (docs/architecture.md, "Persistence"): the read of every batch's
 * judgement ({@link #forPatients}) and the API's reads and writes. The writes are upserts: two doctors setting the
 * first bound of one metric at once must not make one of them fail.
 */
@Repository
public class ThresholdRepository {

    private final JdbcClient jdbc;

    public ThresholdRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The patient's thresholds by metric. */
    public List<Threshold> forPatient(UUID patientId) {
        return jdbc.sql("SELECT * FROM thresholds WHERE patient_id = :p ORDER BY metric").param("p", patientId)
                .query(ThresholdRepository::map).list();
    }

    /** The thresholds of many patients in one statement: read for every batch of readings judged. */
    public List<Threshold> forPatients(Collection<UUID> patients) {
        return jdbc.sql("SELECT * FROM thresholds WHERE patient_id = ANY (CAST(:patients AS uuid[]))")
                .param("patients", SqlArrays.of(patients, UUID::toString)).query(ThresholdRepository::map).list();
    }

    /** The threshold of (patient, metric), locked for the rest of the transaction. */
    public Optional<Threshold> find(UUID patientId, String metric) {
        return jdbc.sql("SELECT * FROM thresholds WHERE patient_id = :p AND metric = :metric FOR UPDATE")
                .param("p", patientId).param("metric", metric).query(ThresholdRepository::map).optional();
    }

    /**
     * Inserts or replaces the bounds of (patient, metric); the row keeps its id and creation time, and a bound set
     * is no longer switched off. Returns the row as stored.
     */
    public Threshold upsert(UUID patientId, String metric, Double min, Double max, Instant now) {
        return jdbc.sql("""
                INSERT INTO thresholds AS t (id, patient_id, metric, min_value, max_value, created_at, updated_at)
                VALUES (:id, :patient, :metric, :min, :max, :now, :now)
                ON CONFLICT (patient_id, metric) DO UPDATE
                   SET min_value = excluded.min_value, max_value = excluded.max_value, updated_at = excluded.updated_at,
                       min_off = t.min_off AND excluded.min_value IS NULL,
                       max_off = t.max_off AND excluded.max_value IS NULL
                RETURNING *
                """).param("id", UUID.randomUUID()).param("patient", patientId).param("metric", metric)
                .param("min", min, Types.DOUBLE).param("max", max, Types.DOUBLE).param("now", Timestamp.from(now))
                .query(ThresholdRepository::map).single();
    }

    /** Writes the whole plan of (patient, metric); a plan with nothing of its own is removed (defaults apply). */
    public void savePlan(UUID patientId, String metric, Double min, boolean minOff, Double max, boolean maxOff,
            Integer persistSeconds, Instant now) {
        if (min == null && max == null && !minOff && !maxOff && persistSeconds == null) {
            jdbc.sql("DELETE FROM thresholds WHERE patient_id = :patient AND metric = :metric")
                    .param("patient", patientId).param("metric", metric).update();
            return;
        }
        jdbc.sql("""
                INSERT INTO thresholds (id, patient_id, metric, min_value, max_value, min_off, max_off,
                                        persist_seconds, created_at, updated_at)
                VALUES (:id, :patient, :metric, :min, :max, :minOff, :maxOff, :persist, :now, :now)
                ON CONFLICT (patient_id, metric) DO UPDATE
                   SET min_value = excluded.min_value, max_value = excluded.max_value, min_off = excluded.min_off,
                       max_off = excluded.max_off, persist_seconds = excluded.persist_seconds,
                       updated_at = excluded.updated_at
                """).param("id", UUID.randomUUID()).param("patient", patientId).param("metric", metric)
                .param("min", min, Types.DOUBLE).param("max", max, Types.DOUBLE).param("minOff", minOff)
                .param("maxOff", maxOff).param("persist", persistSeconds, Types.INTEGER)
                .param("now", Timestamp.from(now)).update();
    }

    private static Threshold map(ResultSet rs, int row) throws SQLException {
        return new Threshold(rs.getObject("id", UUID.class), rs.getObject("patient_id", UUID.class),
                rs.getString("metric"), rs.getObject("min_value", Double.class),
                rs.getObject("max_value", Double.class), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(), rs.getBoolean("min_off"), rs.getBoolean("max_off"),
                rs.getObject("persist_seconds", Integer.class));
    }
}
