package org.hhms.analytics.anomaly;

import java.time.Instant;
import java.util.UUID;

/** Body of {@code POST /analytics/run}: both optional (all patients; the last hour). */
public record RunRequest(UUID patientId, Instant since) {
}
