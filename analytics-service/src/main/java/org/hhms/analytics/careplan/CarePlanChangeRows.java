package org.hhms.analytics.careplan;

import java.util.List;
import java.util.UUID;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

/** Spring Data JPA over {@code care_plan_changes}; only {@link CarePlanChanges} uses it. */
interface CarePlanChangeRows extends JpaRepository<CarePlanChangeEntity, UUID> {

    List<CarePlanChangeEntity> findByPatientIdOrderByChangedAtDesc(UUID patientId, Limit limit);
}
