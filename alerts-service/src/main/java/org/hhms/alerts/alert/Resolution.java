package org.hhms.alerts.alert;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a resolved alert ended: its condition cleared (analytics' all-clear), or a person closed it as handled
 * ({@code resolved}) or as a {@code false_alarm}.
 */
public enum Resolution {
    CONDITION_CLEARED, RESOLVED, FALSE_ALARM;

    /** The JSON and database name, e.g. {@code false_alarm}. */
    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Resolution> fromJson(String value) {
        return Arrays.stream(values()).filter(resolution -> resolution.json().equals(value)).findFirst();
    }
}
