package org.hhms.contracts.alarms;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How urgent an anomaly or an alert is: the alarm-standard tiers (IEC 60601-1-8 low, medium and high priority as
 * info, warning, critical). The order of the constants is the order of urgency, in this one place.
 */
public enum Severity {
    INFO, WARNING, CRITICAL;

    /** The JSON and database name, e.g. {@code critical}. */
    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Any case ("INFO"); anything else is an IllegalArgumentException naming the allowed values. */
    @JsonCreator
    public static Severity parse(String value) {
        for (Severity severity : values()) {
            if (severity.name().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return severity;
            }
        }
        throw new IllegalArgumentException("must be " + allowed() + " (any case)");
    }

    public boolean isAtLeast(Severity other) {
        return compareTo(other) >= 0;
    }

    /** The more urgent of the two. */
    public static Severity max(Severity a, Severity b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /**
     * The names, least urgent first, for SQL that must keep the more urgent of two stored severities:
     * {@code array_position(:order, severity)} ranks them without repeating the order in the query.
     */
    public static String[] inOrder() {
        return Arrays.stream(values()).map(Severity::json).toArray(String[]::new);
    }

    public static String allowed() {
        return Arrays.stream(values()).map(Severity::json).collect(Collectors.joining(", "));
    }
}
