package org.hhms.alerts.alert;

import java.util.Arrays;
import java.util.Locale;

import org.hhms.contracts.alarms.AnomalyKind;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What raised an alert: one of analytics' anomaly kinds, a person ({@code manual}, paged to the whole team at once),
 * or an anomaly of a kind this version does not know ({@code anomaly}: alerted on like any other rather than lost).
 */
public enum AlertKind {
    THRESHOLD, NEWS2, STALE_DATA, MANUAL, ANOMALY;

    /** The JSON and database name, e.g. {@code stale_data}. */
    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The alert kind of an anomaly; null (a kind a newer analytics sends) is {@link #ANOMALY}. */
    public static AlertKind of(AnomalyKind kind) {
        return kind == null ? ANOMALY : valueOf(kind.name());
    }

    /** A stored name; one written by a newer version reads as {@link #ANOMALY}. */
    public static AlertKind fromJson(String value) {
        return Arrays.stream(values()).filter(kind -> kind.json().equals(value)).findFirst().orElse(ANOMALY);
    }
}
