package org.hhms.vitals.reading;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Times as HHMS clients send them: ISO-8601, and a time without an offset is UTC. Nothing around it is ignored. */
public final class Timestamps {

    private Timestamps() {
    }

    public static Instant parse(String text) throws DateTimeParseException {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        }
    }
}
