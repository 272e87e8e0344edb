package org.hhms.analytics.anomaly;

import java.time.Instant;
import java.util.UUID;

/**
 * Body of {@code POST /analytics/run}: both optional (all patients; the last hour). Leaving {@code patient_id} out
 * means every patient; an explicit null is a mistake, not a wish to re-evaluate everyone, and is a 400 — which is
 * why this is a class with setters (Jackson calls a setter only for a key that is present) rather than a record.
 */
public final class RunRequest {

    private UUID patientId;
    private Instant since;

    public UUID patientId() {
        return patientId;
    }

    public Instant since() {
        return since;
    }

    public void setPatientId(UUID patientId) {
        if (patientId == null) {
            throw new IllegalArgumentException("must be a patient id; leave it out to re-evaluate every patient");
        }
        this.patientId = patientId;
    }

    public void setSince(Instant since) {
        if (since == null) {
            throw new IllegalArgumentException("must be an ISO-8601 time; leave it out for the last hour");
        }
        this.since = since;
    }
}
