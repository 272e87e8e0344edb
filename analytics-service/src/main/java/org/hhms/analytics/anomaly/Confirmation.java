package org.hhms.analytics.anomaly;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Whether an anomaly reached the care team (docs/analytics.md, "Confirmation before paging"): {@code announced}
 * (sent on to alerts), {@code held} (waiting for the next reading, persistence or silence to confirm it) or
 * {@code contradicted} (the next reading disagreed: recorded, paged nobody).
 */
public enum Confirmation {
    ANNOUNCED, HELD, CONTRADICTED;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Confirmation> fromJson(String value) {
        return Arrays.stream(values()).filter(c -> c.json().equals(value)).findFirst();
    }
}
