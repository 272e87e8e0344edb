package org.hhms.common.stream;

/** Handles one stream entry's {@code event} JSON; it must be idempotent and commit before returning. */
@FunctionalInterface
public interface EventHandler {

    void handle(String event) throws Exception;
}
