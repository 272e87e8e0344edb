package org.hhms.messaging.stream;

import org.hhms.contracts.events.EventEnvelope;
import org.hhms.contracts.events.EventPayload;

/**
 * Handles one stream event, typed (a handler switches on the payload record and ignores the others); it must be
 * idempotent and commit before returning.
 */
@FunctionalInterface
public interface EventHandler {

    void handle(EventEnvelope<EventPayload> event) throws Exception;
}
