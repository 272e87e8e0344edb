package org.hhms.contracts.events;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes and reads HHMS events in their wire format (docs/events.md): a JSON envelope with snake_case names, times
 * as ISO-8601, absent values left out. The one place that knows the format, used by producers and consumers alike;
 * a field a newer producer adds is ignored by an older consumer.
 */
public final class EventCodec {

    private final JsonMapper json = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .changeDefaultPropertyInclusion(include -> include.withValueInclusion(JsonInclude.Include.NON_NULL))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** The envelope as the JSON text of an entry's {@code event} field. */
    public String encode(EventEnvelope<?> envelope) {
        return json.writeValueAsString(new Wire(envelope.eventId(), envelope.type().wire(), envelope.occurredAt(),
                envelope.traceId(), envelope.data()));
    }

    /**
     * The event in an entry's {@code event} field; empty when its type is one this version does not know. Anything
     * that is not an HHMS envelope is an IllegalArgumentException (the consumer dead-letters it).
     */
    public Optional<EventEnvelope<EventPayload>> decode(String text) {
        if (text == null) {
            throw new IllegalArgumentException("Entry has no 'event' field");
        }
        JsonNode envelope;
        try {
            envelope = json.readTree(text);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("Entry is not JSON: " + abbreviate(text), e);
        }
        if (!envelope.isObject() || !envelope.path("type").isString() || !envelope.path("data").isObject()) {
            throw new IllegalArgumentException("Entry is not an event envelope: " + abbreviate(text));
        }
        Optional<EventType> type = EventType.fromWire(envelope.get("type").asString());
        if (type.isEmpty()) {
            return Optional.empty();
        }
        try {
            EventPayload data = json.treeToValue(envelope.get("data"), type.get().payload());
            UUID eventId = envelope.hasNonNull("event_id") ? UUID.fromString(envelope.get("event_id").asString()) : null;
            Instant occurredAt = envelope.hasNonNull("occurred_at")
                    ? Instant.parse(envelope.get("occurred_at").asString()) : null;
            String traceId = envelope.hasNonNull("trace_id") ? envelope.get("trace_id").asString() : null;
            return Optional.of(new EventEnvelope<>(eventId, type.get(), occurredAt, traceId, data));
        } catch (JacksonException | IllegalArgumentException | java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("Event " + type.get().wire() + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The envelope as written: the type by its wire name. */
    private record Wire(UUID eventId, String type, Instant occurredAt, String traceId, EventPayload data) {
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
