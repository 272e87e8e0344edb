package org.hhms.messaging.stream;

import java.util.List;

import org.hhms.contracts.events.Streams;
import org.hhms.messaging.RedisScripts;
import org.hhms.messaging.StreamEntryId;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * How far a consumer group is behind on its stream, read in one script call: what the stream metrics show and what
 * the patient-data-service's lateness bound (how old the oldest undelivered reading is) decides on.
 */
public class GroupBacklog {

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> SCRIPT = RedisScripts.load(List.class,
            "org/hhms/messaging/stream/group-backlog.lua");

    private final StringRedisTemplate redis;

    public GroupBacklog(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /**
     * One group's figures. {@code lag} is -1 when Redis cannot tell; {@code nextUndelivered} is the id of the oldest
     * entry not yet delivered to the group, or null when there is none.
     */
    public record Figures(long pending, long lag, long deadLetters, boolean streamExists, boolean groupExists,
            String nextUndelivered) {

        /** When the oldest undelivered entry was added (its id's milliseconds), or -1 when there is none. */
        public long nextAddedAtMillis() {
            return nextUndelivered == null ? -1 : StreamEntryId.parse(nextUndelivered).millis();
        }
    }

    /** Reads the figures now (throws what Redis throws when it cannot be reached). */
    public Figures read(String stream, String group) {
        List<?> answer = redis.execute(SCRIPT, List.of(stream, Streams.deadLetters(stream)), group);
        String state = String.valueOf(answer.get(3));
        String next = String.valueOf(answer.get(4));
        return new Figures(number(answer.get(0)), number(answer.get(1)), number(answer.get(2)),
                !"no-stream".equals(state), "group".equals(state), next.isEmpty() ? null : next);
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(value));
    }
}
