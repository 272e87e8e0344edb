package org.hhms.messaging.stream;

/** Handles one stream event; it must be idempotent and commit before returning. */
@FunctionalInterface
public interface EventHandler {

    void handle(StreamEvent event) throws Exception;
}
