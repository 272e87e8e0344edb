package org.hhms.analytics.careplan;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.EntityManager;

import org.hhms.web.DetachedRows;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Repository;

/**
 * Every change of a patient's care plan: who, why, what, when (the history clinicians review), through Spring Data
 * JPA ({@link CarePlanChangeRows}); callers get {@link CarePlan.Change} records.
 */
@Repository
public class CarePlanChanges {

    private final CarePlanChangeRows rows;
    private final DetachedRows detached;

    public CarePlanChanges(CarePlanChangeRows rows, EntityManager entityManager) {
        this.rows = rows;
        this.detached = new DetachedRows(entityManager);
    }

    /** Records a change in the caller's transaction. */
    public void record(UUID patientId, UUID changedBy, String reason, String change, Instant now) {
        detached.insert(new CarePlanChangeEntity(patientId, changedBy, reason, change, now));
    }

    /** The newest changes first. */
    public List<CarePlan.Change> latest(UUID patientId, int limit) {
        return rows.findByPatientIdOrderByChangedAtDesc(patientId, Limit.of(limit)).stream()
                .map(row -> detached.read(row, CarePlanChangeEntity::toChange)).toList();
    }
}
