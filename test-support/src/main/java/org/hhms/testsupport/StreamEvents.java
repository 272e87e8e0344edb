package org.hhms.testsupport;

import java.time.Instant;
import java.util.Map;

import org.hhms.contracts.RedisKeys;
import org.hhms.contracts.events.EventCodec;
import org.hhms.contracts.events.EventEnvelope;
import org.hhms.contracts.events.EventPayload;
import org.hhms.contracts.events.EventType;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Puts events on a test's streams the way a producing service would: the contract records written by the shared
 * {@link EventCodec} into the entry field {@code event}, on the type's stream under the test's key prefix.
 */
public final class StreamEvents {

    private static final EventCodec CODEC = new EventCodec();

    private final StringRedisTemplate redis;
    private final RedisKeys keys;

    public StreamEvents(StringRedisTemplate redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** A new event of this type, occurring now; returns it (its id is what a consumer remembers). */
    public <T extends EventPayload> EventEnvelope<T> publish(EventType type, T data) {
        return publish(type, data, Instant.now(), null);
    }

    public <T extends EventPayload> EventEnvelope<T> publish(EventType type, T data, Instant occurredAt,
            String traceId) {
        EventEnvelope<T> envelope = EventEnvelope.of(type, data, occurredAt, traceId);
        publish(envelope);
        return envelope;
    }

    /** An envelope as it is (publishing one twice is how a test redelivers it); returns the entry id. */
    public RecordId publish(EventEnvelope<?> envelope) {
        return publishRaw(envelope.type().stream(), CODEC.encode(envelope));
    }

    /** Any text as an entry's {@code event} field, for the tests of what a consumer does with a broken entry. */
    public RecordId publishRaw(String stream, String event) {
        return redis.opsForStream().add(StreamRecords.mapBacked(Map.of("event", event))
                .withStreamKey(keys.key(stream)));
    }
}
