package org.hhms.contracts;

import org.slf4j.MDC;

/**
 * The trace id that ties a request's log lines and the events it causes together: the request's
 * {@code X-Request-ID}, kept in the logging context under {@value #MDC_KEY} while the request (or event) is handled.
 */
public final class TraceIds {

    /** The logging-context key (and the {@code trace_id} field of JSON logs and event envelopes). */
    public static final String MDC_KEY = "trace_id";

    private TraceIds() {
    }

    /** The current trace id, or null outside a request or event. */
    public static String current() {
        return MDC.get(MDC_KEY);
    }
}
