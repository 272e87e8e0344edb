package org.hhms.analytics.threshold;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code thresholds}; it never leaves {@link ThresholdRepository}, which hands out {@link Threshold}s. */
@Entity
@Table(name = "thresholds")
class ThresholdEntity {

    @Id
    private UUID id;
    private UUID patientId;
    private String metric;
    @Column(name = "min_value")
    private Double min;
    @Column(name = "max_value")
    private Double max;
    private Instant createdAt;
    private Instant updatedAt;
    private boolean minOff;
    private boolean maxOff;
    private Integer persistSeconds;

    protected ThresholdEntity() {
    }

    Threshold toThreshold() {
        return new Threshold(id, patientId, metric, min, max, createdAt, updatedAt, minOff, maxOff, persistSeconds);
    }
}
