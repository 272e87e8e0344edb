package org.hhms.common.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisStreamCommands.XAddOptions;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves rows of a service's {@code outbox_events} table (id, stream, payload) to their Redis streams in id order,
 * pipelined, and deletes them once Redis has them. One relay at a time holds a transaction-scoped advisory lock,
 * so several instances never reorder events. If Redis fails, the transaction rolls back and the rows wait for the
 * next attempt. Delivery is at least once: a database failure right after XADD sends those events again, with the
 * same {@code event_id}, and consumers drop repeats.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final JdbcClient jdbc;
    private final StringRedisTemplate redis;
    private final TransactionTemplate transactions;
    private final long lockKey;
    private final int batchSize;
    private final XAddOptions addOptions;
    private final ExecutorService nudges = Executors.newSingleThreadExecutor(Thread.ofVirtual().factory());
    private final AtomicBoolean nudgePending = new AtomicBoolean();
    private volatile boolean failing;
    private final Duration interval;
    private volatile Thread ticker;

    /**
     * @param lockKey         advisory lock key, distinct per service
     * @param batchSize       rows sent per transaction
     * @param streamMaxLength approximate cap of the streams ({@code XADD MAXLEN ~})
     * @param interval        how often it looks for rows the after-commit nudges did not send (Redis was down,
     *                        or another instance held the lock)
     */
    public OutboxRelay(JdbcClient jdbc, StringRedisTemplate redis, TransactionTemplate transactions, long lockKey,
            int batchSize, long streamMaxLength, Duration interval) {
        this.jdbc = jdbc;
        this.redis = redis;
        this.transactions = transactions;
        this.lockKey = lockKey;
        this.batchSize = batchSize;
        this.addOptions = XAddOptions.maxlen(streamMaxLength).approximateTrimming(true);
        this.interval = interval;
    }

    @Override
    public void start() {
        ticker = Thread.ofVirtual().name("outbox-relay").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                relayAll();
                try {
                    Thread.sleep(interval);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    @Override
    public void stop() {
        Thread thread = ticker;
        ticker = null;
        if (thread != null) {
            thread.interrupt();
        }
        nudges.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return ticker != null;
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

    /** Sends everything waiting; logs once when Redis starts failing and once when it recovers. */
    public void relayAll() {
        try {
            int sent;
            do {
                sent = relayBatch();
            } while (sent == batchSize);
            if (failing) {
                log.info("Outbox relay: Redis reachable again, backlog sent");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("Outbox relay cannot send events yet; they stay in the outbox: {}", e.toString());
                failing = true;
            }
        }
    }

    /** Sends up to one batch and returns how many rows it sent (0 when another relay holds the lock). */
    public int relayBatch() {
        Integer sent = transactions.execute(status -> {
            boolean locked = jdbc.sql("SELECT pg_try_advisory_xact_lock(:key)").param("key", lockKey)
                    .query(Boolean.class).single();
            if (!locked) {
                return 0;
            }
            List<Row> rows = jdbc.sql("SELECT id, stream, payload FROM outbox_events ORDER BY id LIMIT :n")
                    .param("n", batchSize)
                    .query((rs, i) -> new Row(rs.getLong("id"), rs.getString("stream"), rs.getString("payload")))
                    .list();
            if (rows.isEmpty()) {
                return 0;
            }
            redis.executePipelined((RedisCallback<Object>) connection -> {
                send(connection, rows);
                return null;
            });
            jdbc.sql("DELETE FROM outbox_events WHERE id <= :last").param("last", rows.getLast().id()).update();
            return rows.size();
        });
        return sent == null ? 0 : sent;
    }

    private void send(RedisConnection connection, List<Row> rows) {
        for (Row row : rows) {
            MapRecord<byte[], byte[], byte[]> record = StreamRecords
                    .newRecord()
                    .in(row.stream().getBytes(StandardCharsets.UTF_8))
                    .ofMap(Map.of("event".getBytes(StandardCharsets.UTF_8),
                            row.payload().getBytes(StandardCharsets.UTF_8)));
            connection.streamCommands().xAdd(record, addOptions);
        }
    }

    /** Rows still waiting to be sent. */
    public long pending() {
        return jdbc.sql("SELECT count(*) FROM outbox_events").query(Long.class).single();
    }

    private record Row(long id, String stream, String payload) {
    }
}
