package org.hhms.messaging.outbox;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.hhms.contracts.RedisKeys;
import org.hhms.contracts.TraceIds;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import tools.jackson.databind.ObjectMapper;

/**
 * Writes events into the service's {@code outbox_events} table inside the caller's transaction, so an event exists
 * exactly when the change it describes does; right after the commit the relay is nudged to send them.
 */
public class Outbox {

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final OutboxRelay relay;
    private final RedisKeys keys;

    public Outbox(JdbcTemplate jdbc, ObjectMapper mapper, OutboxRelay relay, RedisKeys keys) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.relay = relay;
        this.keys = keys;
    }

    /** One event of {@code type} on {@code stream} (e.g. {@code hhms:users}), traced to the current request. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(String stream, String type, Object data) {
        appendAll(stream, type, List.of(data), TraceIds.current());
    }

    /** Many events of one type in one statement (a batch of readings, say). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void appendAll(String stream, String type, List<?> data, String traceId) {
        if (data.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        Object[] payloads = data.stream()
                .map(d -> mapper.writeValueAsString(new EventEnvelope(UUID.randomUUID(), type, now, traceId, d)))
                .toArray();
        jdbc.execute((ConnectionCallback<Integer>) connection -> {
            try (var statement = connection.prepareStatement(
                    "INSERT INTO outbox_events (stream, payload) SELECT ?, p FROM unnest(?::text[]) AS p")) {
                statement.setString(1, keys.key(stream));
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
