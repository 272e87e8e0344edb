package org.hhms.vitals.history;

import java.time.Instant;

/** One value of one metric at one time (HHMS history). */
public record HistoryPoint(Instant timestamp, double value) {
}
