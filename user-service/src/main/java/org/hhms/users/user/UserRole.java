package org.hhms.users.user;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a person is in HHMS. Caretakers are family members or home carers on a patient's care team. */
public enum UserRole {
    PATIENT, DOCTOR, CARETAKER, ADMIN;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Accepts any case ("Doctor"); anything else is a clear 400 naming the allowed values. */
    @JsonCreator
    public static UserRole parse(String value) {
        for (UserRole role : values()) {
            if (role.name().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return role;
            }
        }
        throw new IllegalArgumentException("must be one of " + allowed());
    }

    public static String allowed() {
        return Arrays.stream(values()).map(UserRole::json).collect(Collectors.joining(", "));
    }
}
