package org.hhms.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The envelope of every HHMS stream event (docs/events.md, "Envelope"), stored in the entry's field {@code event}.
 *
 * @param eventId    unique per event; a consumer that sees it twice ignores the second
 * @param type       what happened
 * @param occurredAt when the change was made
 * @param traceId    the request id of the request that caused it, or null
 * @param data       the payload, whose record matches {@code type}
 */
public record EventEnvelope<T extends EventPayload>(UUID eventId, EventType type, Instant occurredAt, String traceId,
        T data) {

    public EventEnvelope {
        if (type == null || data == null || !type.payload().isInstance(data)) {
            throw new IllegalArgumentException("An event of type " + type + " cannot carry " + data);
        }
    }

    /** A new event of this type with a fresh id. */
    public static <T extends EventPayload> EventEnvelope<T> of(EventType type, T data, Instant occurredAt,
            String traceId) {
        return new EventEnvelope<>(UUID.randomUUID(), type, occurredAt, traceId, data);
    }
}
