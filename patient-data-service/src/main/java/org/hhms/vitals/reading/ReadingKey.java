package org.hhms.vitals.reading;

import java.util.UUID;

/** A reading's idempotency key: the device's reading id, unique per patient. */
public record ReadingKey(UUID patientId, String readingId) {

    public static ReadingKey of(Reading reading) {
        return new ReadingKey(reading.patientId(), reading.readingId());
    }
}
