package org.hhms.messaging.outbox;

import java.time.Clock;
import java.util.ArrayList;
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
 * <p>
 * The events a transaction appends are kept until it commits and written then, all in one statement, in the order
 * they were appended (a batch of analytics judgements announces a few events per abnormal reading: one statement
 * each was a measured share of its time). Rolled back, they were never written. Nothing reads the outbox inside
 * the transaction that writes it; the relay reads committed rows only.
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
        String stream = keys.key(type.stream());
        Pending pending = pending();
        List<String> streams = pending.written ? new ArrayList<>() : pending.streams;
        List<String> payloads = pending.written ? new ArrayList<>() : pending.payloads;
        for (int i = 0; i < data.size(); i++) {
            streams.add(stream);
            payloads.add(codec.encode(EventEnvelope.of(type, data.get(i), now, traceIds.get(i))));
        }
        if (pending.written) {
            // Appended while the transaction commits (from another synchronization's beforeCommit): written now.
            write(streams, payloads);
        }
    }

    /** The current transaction's events, registered with it on first use. */
    private Pending pending() {
        for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
            if (synchronization instanceof Pending pending && pending.owner == this) {
                return pending;
            }
        }
        Pending pending = new Pending(this);
        TransactionSynchronizationManager.registerSynchronization(pending);
        return pending;
    }

    private void write(List<String> streams, List<String> payloads) {
        jdbc.execute((ConnectionCallback<Integer>) connection -> {
            try (var statement = connection.prepareStatement("""
                    INSERT INTO outbox_events (stream, payload)
                    SELECT e.stream, e.payload FROM unnest(?::text[], ?::text[]) WITH ORDINALITY AS e(stream, payload, n)
                     ORDER BY e.n
                    """)) {
                statement.setArray(1, connection.createArrayOf("text", streams.toArray()));
                statement.setArray(2, connection.createArrayOf("text", payloads.toArray()));
                return statement.executeUpdate();
            }
        });
    }

    /** Events of one transaction, written just before it commits; the relay is nudged once it has. */
    private static final class Pending implements TransactionSynchronization {
        private final Outbox owner;
        private final List<String> streams = new ArrayList<>();
        private final List<String> payloads = new ArrayList<>();
        private boolean written;

        Pending(Outbox owner) {
            this.owner = owner;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            written = true;
            if (!payloads.isEmpty()) {
                owner.write(streams, payloads);
            }
        }

        @Override
        public void afterCommit() {
            owner.relay.nudge();
        }
    }
}
