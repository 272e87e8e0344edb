package org.hhms.alerts.alert;

import java.util.Arrays;
import java.util.Locale;

import org.hhms.contracts.alarms.AnomalyKind;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What an alert is: a patient's {@code clinical} episode (every concurrent clinical condition), a technical alert of
 * one of analytics' technical kinds ({@code stale_data}), a person's ({@code manual}, paged to the whole team at
 * once). {@code threshold}, {@code news2} and {@code anomaly} (a kind this version does not know) are alerts opened
 * one per condition before episodes existed, read back as they were stored.
 */
public enum AlertKind {
    THRESHOLD, NEWS2, STALE_DATA, MANUAL, ANOMALY, CLINICAL;

    /** The JSON and database name, e.g. {@code stale_data}. */
    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** About the equipment, not the patient: paged first to whoever looks after the device. */
    public boolean isTechnical() {
        return this == STALE_DATA;
    }

    /**
     * The alert an anomaly belongs to: its own technical alert, or the patient's clinical episode (also for a kind
     * a newer analytics sends, null here: alerted on rather than lost).
     */
    public static AlertKind of(AnomalyKind kind) {
        return kind != null && kind.isTechnical() ? valueOf(kind.name()) : CLINICAL;
    }

    /** A stored name; one written by a newer version reads as {@link #ANOMALY}. */
    public static AlertKind fromJson(String value) {
        return Arrays.stream(values()).filter(kind -> kind.json().equals(value)).findFirst().orElse(ANOMALY);
    }
}
