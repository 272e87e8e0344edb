package org.hhms.analytics.careplan;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Every change of a patient's care plan: who, why, what, when (the history clinicians review); rows are only ever
 * added. Callers get {@link CarePlan.Change} records.
 */
@Repository
public class CarePlanChanges {

    private final JdbcClient jdbc;

    public CarePlanChanges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a change in the caller's transaction. */
    public void record(UUID patientId, UUID changedBy, String reason, String change, Instant now) {
        jdbc.sql("""
                INSERT INTO care_plan_changes (id, patient_id, changed_by, reason, change, changed_at)
                VALUES (:id, :patient, :by, :reason, :change, :at)
                """).param("id", UUID.randomUUID()).param("patient", patientId).param("by", changedBy)
                .param("reason", reason).param("change", change).param("at", Timestamp.from(now)).update();
    }

    /** The newest changes first. */
    public List<CarePlan.Change> latest(UUID patientId, int limit) {
        return jdbc.sql("""
                SELECT changed_at, changed_by, reason, change FROM care_plan_changes
                 WHERE patient_id = :patient ORDER BY changed_at DESC LIMIT :limit
                """).param("patient", patientId).param("limit", limit)
                .query((rs, row) -> new CarePlan.Change(rs.getTimestamp("changed_at").toInstant(),
                        rs.getObject("changed_by", UUID.class), rs.getString("reason"), rs.getString("change")))
                .list();
    }
}
