package org.hhms.vitals.reading;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Level of consciousness on the ACVPU scale, for NEWS2 ({@code confusion} means new confusion). */
public enum Consciousness {
    ALERT, CONFUSION, VOICE, PAIN, UNRESPONSIVE;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Consciousness parse(String value) {
        for (Consciousness level : values()) {
            if (level.name().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return level;
            }
        }
        throw new IllegalArgumentException("must be one of " + Arrays.stream(values()).map(Consciousness::json)
                .collect(Collectors.joining(", ")));
    }
}
