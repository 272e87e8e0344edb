package org.hhms.messaging.outbox;

import java.time.Instant;
import java.util.UUID;

/** The envelope of every HHMS stream event (ARCHITECTURE.md, "Events"), stored in the entry's field {@code event}. */
public record EventEnvelope(UUID eventId, String type, Instant occurredAt, String traceId, Object data) {
}
