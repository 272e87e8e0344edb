package org.hhms.messaging.outbox;

import java.time.Clock;
import java.util.Collections;
import java.util.List;

import org.hhms.contracts.RedisKeys;
import org.hhms.contracts.TraceIds;
import org.hhms.contracts.events.EventCodec;
import org.hhms.contracts.events.EventEnvelope;
import org.hhms.contracts.events.EventPayload;
import org.hhms.contracts.events.EventType;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes events into the service's {@code outbox_events} table inside the caller's transaction, so an event exists
 * exactly when the change it describes does; right after the commit the relay is nudged to send them. Each event
 * goes to its type's stream, written by the shared {@link EventCodec}.
 */
public class Outbox {

    private final JdbcTemplate jdbc;
    private final EventCodec codec;
    private final OutboxRelay relay;
    private final RedisKeys keys;
    private final Clock clock;

    public Outbox(JdbcTemplate jdbc, EventCodec codec, OutboxRelay relay, RedisKeys keys, Clock clock) {
        this.jdbc = jdbc;
        this.codec = codec;
        this.relay = relay;
        this.keys = keys;
        this.clock = clock;
    }

    /** One event, traced to the current request. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(EventType type, EventPayload data) {
        appendAll(type, List.of(data), TraceIds.current());
    }

    /** Many events of one type in one statement (a batch of readings, say), all traced to one request. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void appendAll(EventType type, List<? extends EventPayload> data, String traceId) {
        appendTraced(type, data, Collections.nCopies(data.size(), traceId));
    }

    /** Many events of one type in one statement, each traced to its own request ({@code traceIds} in step). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void appendTraced(EventType type, List<? extends EventPayload> data, List<String> traceIds) {
        if (data.size() != traceIds.size()) {
            throw new IllegalArgumentException(data.size() + " events but " + traceIds.size() + " trace ids");
        }
        if (data.isEmpty()) {
            return;
        }
        var now = clock.instant();
        Object[] payloads = new Object[data.size()];
        for (int i = 0; i < payloads.length; i++) {
            payloads[i] = codec.encode(EventEnvelope.of(type, data.get(i), now, traceIds.get(i)));
        }
        jdbc.execute((ConnectionCallback<Integer>) connection -> {
            try (var statement = connection.prepareStatement(
                    "INSERT INTO outbox_events (stream, payload) SELECT ?, p FROM unnest(?::text[]) AS p")) {
                statement.setString(1, keys.key(type.stream()));
                statement.setArray(2, connection.createArrayOf("text", payloads));
                return statement.executeUpdate();
            }
        });
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.nudge();
            }
        });
    }
}
