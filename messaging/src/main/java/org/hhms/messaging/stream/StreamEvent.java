package org.hhms.messaging.stream;

import java.time.Instant;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** A stream entry's envelope, parsed (ARCHITECTURE.md, "Events"): {@code data} is the payload. */
public record StreamEvent(UUID eventId, String type, Instant occurredAt, String traceId, JsonNode data) {

    /** Parses an entry's {@code event} field; a missing or malformed envelope is an IllegalArgumentException. */
    public static StreamEvent parse(ObjectMapper mapper, String json) {
        if (json == null) {
            throw new IllegalArgumentException("Entry has no 'event' field");
        }
        JsonNode envelope = mapper.readTree(json);
        if (!envelope.isObject() || !envelope.hasNonNull("type")) {
            throw new IllegalArgumentException("Entry is not an event envelope: " + abbreviate(json));
        }
        return new StreamEvent(
                envelope.hasNonNull("event_id") ? UUID.fromString(envelope.get("event_id").asString()) : null,
                envelope.get("type").asString(),
                envelope.hasNonNull("occurred_at") ? Instant.parse(envelope.get("occurred_at").asString()) : null,
                envelope.hasNonNull("trace_id") ? envelope.get("trace_id").asString() : null,
                envelope.path("data"));
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
