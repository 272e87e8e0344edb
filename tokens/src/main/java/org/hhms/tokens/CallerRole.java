package org.hhms.tokens;

import java.util.Locale;

/**
 * Who is calling, as the {@code role} claim of the bearer token says: the four kinds of people, a registered
 * device of one patient, or another HHMS service acting on its own (background work, look-ups).
 */
public enum CallerRole {
    ADMIN, DOCTOR, CARETAKER, PATIENT, DEVICE, SERVICE;

    public String claim() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named by a token; an unknown name is an invalid token, not a caller with no rights. */
    public static CallerRole fromClaim(String value) {
        for (CallerRole role : values()) {
            if (role.claim().equals(value)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + value + "'");
    }
}
