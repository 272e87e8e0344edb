package org.hhms.alerts.alert;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where an alert is in its life (docs/alerting.md): {@code pending} until its first page is accepted by the SMS
 * provider ({@code sent}) or has failed every try ({@code failed}); {@code delivered} once the provider confirms;
 * {@code acknowledged} by a doctor or caretaker (no more repeats or escalation); {@code resolved} at the end.
 */
public enum AlertStatus {
    PENDING, SENT, FAILED, DELIVERED, ACKNOWLEDGED, RESOLVED;

    /** The JSON and database name, e.g. {@code acknowledged}. */
    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Not yet acknowledged or resolved: someone still has to act (the {@code open} filter). */
    public boolean isOpen() {
        return this != ACKNOWLEDGED && this != RESOLVED;
    }

    public static Optional<AlertStatus> fromJson(String value) {
        return Arrays.stream(values()).filter(status -> status.json().equals(value)).findFirst();
    }

    public static String allowed() {
        return Arrays.stream(values()).map(AlertStatus::json).collect(Collectors.joining(", "));
    }
}
