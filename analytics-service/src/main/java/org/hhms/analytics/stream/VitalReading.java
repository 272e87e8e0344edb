package org.hhms.analytics.stream;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A stored reading as analytics sees it: from a vital.recorded event, or read back for re-evaluation. */
public record VitalReading(UUID patientId, String readingId, Instant recordedAt, Instant receivedAt,
        Map<String, Double> metrics, Boolean onOxygen, String consciousness, String traceId) {
}
