package org.hhms.contracts;

import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.MDC;

/**
 * The trace id that ties a request's log lines and the events it causes together: the request's
 * {@code X-Request-ID}, kept in the logging context under {@value #MDC_KEY} while the request (or event) is handled.
 */
public final class TraceIds {

    /** The header that carries it between the client, the gateway and the services. */
    public static final String HEADER = "X-Request-ID";

    /** Ids are echoed into headers and logs: only accept ones that cannot smuggle anything in. */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    /** The logging-context key (and the {@code trace_id} field of JSON logs and event envelopes). */
    public static final String MDC_KEY = "trace_id";

    private TraceIds() {
    }

    /** The caller's id when it is safe to echo (letters, digits, {@code ._:-}, at most 128), else a new UUID. */
    public static String acceptOrCreate(String candidate) {
        return candidate != null && SAFE_ID.matcher(candidate).matches() ? candidate : UUID.randomUUID().toString();
    }

    /** The current trace id, or null outside a request or event. */
    public static String current() {
        return MDC.get(MDC_KEY);
    }
}
