package org.hhms.analytics.threshold;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.NativeQuery;
import org.springframework.data.jpa.repository.Query;

/**
 * Spring Data JPA over {@code thresholds}; only {@link ThresholdRepository} uses it. The two writes are native
 * upserts: two doctors setting the first bound of one metric at once must not make one of them fail.
 */
interface ThresholdRows extends JpaRepository<ThresholdEntity, UUID> {

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    Optional<ThresholdEntity> findByPatientIdAndMetric(UUID patientId, String metric);

    /** New bounds; the row keeps its id and creation time, and a bound set is no longer switched off. */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @NativeQuery("""
            INSERT INTO thresholds (id, patient_id, metric, min_value, max_value, created_at, updated_at)
            VALUES (:id, :patientId, :metric, :min, :max, :now, :now)
            ON CONFLICT (patient_id, metric) DO UPDATE
               SET min_value = excluded.min_value, max_value = excluded.max_value, updated_at = excluded.updated_at,
                   min_off = thresholds.min_off AND excluded.min_value IS NULL,
                   max_off = thresholds.max_off AND excluded.max_value IS NULL
            """)
    void upsertBounds(UUID id, UUID patientId, String metric, Double min, Double max, Instant now);

    /** The whole plan of (patient, metric). */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @NativeQuery("""
            INSERT INTO thresholds (id, patient_id, metric, min_value, max_value, min_off, max_off,
                                    persist_seconds, created_at, updated_at)
            VALUES (:id, :patientId, :metric, :min, :max, :minOff, :maxOff, :persistSeconds, :now, :now)
            ON CONFLICT (patient_id, metric) DO UPDATE
               SET min_value = excluded.min_value, max_value = excluded.max_value, min_off = excluded.min_off,
                   max_off = excluded.max_off, persist_seconds = excluded.persist_seconds,
                   updated_at = excluded.updated_at
            """)
    void upsertPlan(UUID id, UUID patientId, String metric, Double min, boolean minOff, Double max, boolean maxOff,
            Integer persistSeconds, Instant now);

    /** One statement, run at once: the SQL that follows in the transaction (the evaluation's read) sees it. */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("DELETE FROM ThresholdEntity t WHERE t.patientId = :patientId AND t.metric = :metric")
    void deletePlan(UUID patientId, String metric);
}
