package org.hhms.contracts.alarms;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What analytics found (docs/analytics.md): a value outside a threshold, a NEWS2 score in a band, a NEWS2 score
 * rising well above the patient's own baseline (a trend), or a patient whose readings stopped.
 */
public enum AnomalyKind {
    THRESHOLD, NEWS2, TREND, STALE_DATA;

    /** The JSON and database name, e.g. {@code stale_data}. */
    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * About the equipment rather than the patient (a device gone silent): alerted on as its own episode, first to
     * whoever looks after the device. Every other kind is clinical and joins the patient's one clinical episode.
     */
    public boolean isTechnical() {
        return this == STALE_DATA;
    }

    public static Optional<AnomalyKind> fromJson(String value) {
        return Arrays.stream(values()).filter(kind -> kind.json().equals(value)).findFirst();
    }

    /**
     * How an event's {@code kind} is read: a kind this version does not know (a newer analytics') is null, and the
     * anomaly is still alerted on as a generic one rather than dead-lettered.
     */
    @JsonCreator
    static AnomalyKind fromEvent(String value) {
        return fromJson(value).orElse(null);
    }

    public static String allowed() {
        return Arrays.stream(values()).map(AnomalyKind::json).collect(Collectors.joining(", "));
    }
}
