package org.hhms.vitals.history;

import java.time.Instant;

/** Figures of one metric over one hour or day (UTC). */
public record AggregateBucket(Instant bucketStart, double min, double max, double avg, long count) {
}
