package org.hhms.dashboard.patients;

import java.time.Duration;
import java.time.Instant;

/** "4 min ago": how old a value is, as a person reads it at a glance. */
public final class Ages {

    private Ages() {
    }

    public static String since(Instant then, Instant now) {
        if (then == null) {
            return "";
        }
        long seconds = Math.max(0, Duration.between(then, now).toSeconds());
        if (seconds < 60) {
            return "just now";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min ago";
        }
        if (seconds < 86_400) {
            return seconds / 3600 + " h ago";
        }
        return seconds / 86_400 + " d ago";
    }
}
