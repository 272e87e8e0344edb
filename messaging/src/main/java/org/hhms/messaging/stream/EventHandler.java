package org.hhms.messaging.stream;

import java.util.List;

import org.hhms.contracts.events.EventEnvelope;
import org.hhms.contracts.events.EventPayload;

/**
 * Handles one stream event, typed (a handler switches on the payload record and ignores the others); it must be
 * idempotent and commit before returning.
 */
@FunctionalInterface
public interface EventHandler {

    void handle(EventEnvelope<EventPayload> event) throws Exception;

    /**
     * Handles the events of one read, in stream order, inside the consumer's transaction; a handler that can judge
     * many events with fewer round trips overrides this. If it throws, every event is handed to {@link #handle} on
     * its own.
     */
    default void handleAll(List<EventEnvelope<EventPayload>> events) throws Exception {
        for (EventEnvelope<EventPayload> event : events) {
            handle(event);
        }
    }
}
