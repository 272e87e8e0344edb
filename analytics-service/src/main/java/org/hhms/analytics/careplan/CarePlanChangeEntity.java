package org.hhms.analytics.careplan;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code care_plan_changes}; it never leaves {@link CarePlanChanges}. Rows are only ever added. */
@Entity
@Table(name = "care_plan_changes")
class CarePlanChangeEntity {

    @Id
    private UUID id;
    private UUID patientId;
    private UUID changedBy;
    private String reason;
    private String change;
    private Instant changedAt;

    protected CarePlanChangeEntity() {
    }

    CarePlanChangeEntity(UUID patientId, UUID changedBy, String reason, String change, Instant changedAt) {
        this.id = UUID.randomUUID();
        this.patientId = patientId;
        this.changedBy = changedBy;
        this.reason = reason;
        this.change = change;
        this.changedAt = changedAt;
    }

    CarePlan.Change toChange() {
        return new CarePlan.Change(changedAt, changedBy, reason, change);
    }
}
