package org.hhms.users.events;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.hhms.users.config.UsersProperties;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.RedisStreamCommands.XAddOptions;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves outbox rows to their Redis stream in id order and deletes them once sent. One relay at a time holds a
 * transaction-scoped advisory lock, so several instances never reorder events. If Redis fails, the transaction
 * rolls back and the rows wait for the next attempt: delivery is at least once (an event may be sent twice if the
 * database fails right after XADD), and consumers drop repeats by {@code event_id}.
 */
@Component
public class OutboxRelay implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final long LOCK_KEY = 0x48484d535553L; // "HHMSUS"
    private static final int BATCH = 200;

    private final JdbcClient jdbc;
    private final StringRedisTemplate redis;
    private final TransactionTemplate transactions;
    private final long maxLength;
    private final ExecutorService nudges = Executors.newSingleThreadExecutor(Thread.ofVirtual().factory());
    private final AtomicBoolean nudgePending = new AtomicBoolean();
    private volatile boolean redisDownLogged;

    public OutboxRelay(JdbcClient jdbc, StringRedisTemplate redis, TransactionTemplate transactions,
            UsersProperties properties) {
        this.jdbc = jdbc;
        this.redis = redis;
        this.transactions = transactions;
        this.maxLength = properties.streamMaxLength();
    }

    /** Asks for a relay run soon; calls that arrive while one is pending are folded into it. */
    public void nudge() {
        if (nudgePending.compareAndSet(false, true)) {
            nudges.execute(() -> {
                nudgePending.set(false);
                relayAll();
            });
        }
    }

    @Scheduled(fixedDelayString = "${hhms.users.relay-interval:500ms}")
    public void relayAll() {
        try {
            while (relayBatch() == BATCH) {
                // keep going while there is a backlog
            }
            if (redisDownLogged) {
                log.info("Outbox relay: Redis is reachable again, backlog sent");
                redisDownLogged = false;
            }
        } catch (RuntimeException e) {
            if (!redisDownLogged) {
                log.warn("Outbox relay cannot send events yet (they stay in the outbox): {}", e.toString());
                redisDownLogged = true;
            }
        }
    }

    /** Sends up to one batch; returns how many rows it sent. */
    int relayBatch() {
        Integer sent = transactions.execute(status -> {
            boolean locked = jdbc.sql("SELECT pg_try_advisory_xact_lock(:key)").param("key", LOCK_KEY)
                    .query(Boolean.class).single();
            if (!locked) {
                return 0;
            }
            List<OutboxRow> rows = jdbc.sql("SELECT id, stream, payload FROM outbox_events ORDER BY id LIMIT :n")
                    .param("n", BATCH)
                    .query((rs, i) -> new OutboxRow(rs.getLong("id"), rs.getString("stream"), rs.getString("payload")))
                    .list();
            if (rows.isEmpty()) {
                return 0;
            }
            XAddOptions options = XAddOptions.maxlen(maxLength).approximateTrimming(true);
            for (OutboxRow row : rows) {
                MapRecord<String, String, String> record = StreamRecords.mapBacked(Map.of("event", row.payload()))
                        .withStreamKey(row.stream());
                redis.opsForStream().add(record, options);
            }
            jdbc.sql("DELETE FROM outbox_events WHERE id <= :last").param("last", rows.getLast().id()).update();
            return rows.size();
        });
        return sent == null ? 0 : sent;
    }

    /** Rows still waiting to be sent (for health and tests). */
    public long pending() {
        return jdbc.sql("SELECT count(*) FROM outbox_events").query(Long.class).single();
    }

    @Override
    public void destroy() {
        nudges.shutdownNow();
    }

    private record OutboxRow(long id, String stream, String payload) {
    }
}
