package org.hhms.messaging.outbox;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.hhms.messaging.RedisScripts;
import org.hhms.messaging.StreamEntryId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves rows of a service's {@code outbox_events} table to their Redis streams and keeps each one until every
 * consumer group of its stream has acknowledged it (docs/events.md, "Delivery"):
 * <ul>
 * <li><b>Send.</b> The relay reads the oldest unsent rows, appends them with one script per stream, and records on
 * exactly those rows the entry id each got. (It never deletes by id range: a transaction that took a lower id but
 * committed after the read would lose its rows.)</li>
 * <li><b>Confirm.</b> Every {@code confirmInterval} it asks each stream how far every group has acknowledged, deletes
 * the rows before that point and trims those entries from the stream.</li>
 * <li><b>Replay.</b> A row whose entry Redis no longer holds unjudged — Redis restarted without persistence, or the
 * safety cap trimmed it — is sent again with its original {@code event_id}; consumers drop repeats.</li>
 * </ul>
 * One relay at a time (per service) holds a transaction-scoped advisory lock. If Redis or the database fails, the
 * transaction rolls back and the rows wait for the next attempt: delivery is at least once.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> SEND = script("send.lua");
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> CONFIRM = script("confirm.lua");

    private final JdbcTemplate jdbcTemplate;
    private final JdbcClient jdbc;
    private final StringRedisTemplate redis;
    private final TransactionTemplate transactions;
    private final OutboxProperties settings;
    private final ExecutorService nudges = Executors.newSingleThreadExecutor(Thread.ofVirtual().factory());
    private final AtomicBoolean nudgePending = new AtomicBoolean();
    private final AtomicLong replayed = new AtomicLong();
    private final AtomicLong expired = new AtomicLong();
    private volatile boolean failing;
    private volatile Thread ticker;

    public OutboxRelay(JdbcTemplate jdbc, StringRedisTemplate redis, TransactionTemplate transactions,
            OutboxProperties settings) {
        this.jdbcTemplate = jdbc;
        this.jdbc = JdbcClient.create(jdbc);
        this.redis = redis;
        this.transactions = transactions;
        this.settings = settings;
    }

    @Override
    public void start() {
        ticker = Thread.ofVirtual().name("outbox-relay").start(() -> {
            long lastConfirm = System.nanoTime() - settings.confirmInterval().toNanos();
            while (!Thread.currentThread().isInterrupted()) {
                relayAll();
                if (System.nanoTime() - lastConfirm >= settings.confirmInterval().toNanos()) {
                    confirmAll();
                    lastConfirm = System.nanoTime();
                }
                try {
                    Thread.sleep(settings.interval());
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
            try {
                nudges.execute(() -> {
                    nudgePending.set(false);
                    relayAll();
                });
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                nudgePending.set(false); // the ticker of the next start sends it
            }
        }
    }

    /** Sends everything waiting; logs once when Redis starts failing and once when it recovers. */
    public void relayAll() {
        try {
            while (relayBatch()) {
                // a full batch, or rows marked for replay: go on
            }
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

    /**
     * Sends up to one batch of unsent rows; returns whether there may be more right away (a full batch, or rows that
     * Redis lost and that are now due again). Nothing happens while another relay holds the lock.
     */
    public boolean relayBatch() {
        Boolean more = transactions.execute(status -> {
            if (!locked()) {
                return false;
            }
            List<Row> rows = jdbc.sql("""
                    SELECT id, stream, payload FROM outbox_events WHERE entry_ms IS NULL ORDER BY id LIMIT :n
                    """).param("n", settings.batchSize())
                    .query((rs, i) -> new Row(rs.getLong("id"), rs.getString("stream"), rs.getString("payload")))
                    .list();
            if (rows.isEmpty()) {
                return false;
            }
            Map<String, List<Row>> byStream = new LinkedHashMap<>();
            rows.forEach(row -> byStream.computeIfAbsent(row.stream(), s -> new ArrayList<>()).add(row));
            boolean lost = false;
            for (Map.Entry<String, List<Row>> entry : byStream.entrySet()) {
                lost |= !send(entry.getKey(), entry.getValue());
            }
            return lost || rows.size() == settings.batchSize();
        });
        return Boolean.TRUE.equals(more);
    }

    /** Appends rows to one stream and records their entry ids; false when the stream had lost entries instead. */
    private boolean send(String stream, List<Row> rows) {
        List<String> args = new ArrayList<>(rows.size() + 2);
        args.add(newestKept(stream).map(StreamEntryId::toString).orElse(""));
        args.add(Long.toString(settings.streamMaxLength()));
        rows.forEach(row -> args.add(row.payload()));
        List<?> result = redis.execute(SEND, List.of(stream), args.toArray());
        if (result == null || result.size() != rows.size() && !isLost(result)) {
            throw new IllegalStateException("Unexpected answer of the outbox send script on " + stream);
        }
        if (isLost(result)) {
            replayAfter(stream, StreamEntryId.parse(result.get(1).toString()), "Redis lost entries");
            return false;
        }
        List<StreamEntryId> ids = result.stream().map(id -> StreamEntryId.parse(id.toString())).toList();
        recordSent(rows, ids);
        return true;
    }

    /**
     * Confirms what the consumer groups have judged, for every stream with kept rows: deletes those rows, trims the
     * stream, and marks for replay whatever Redis no longer holds unjudged. Rows older than {@code retention} are
     * given up (counted and logged), so a stream nobody consumes cannot fill the table.
     */
    public void confirmAll() {
        try {
            for (String stream : keptStreams()) {
                transactions.executeWithoutResult(status -> {
                    if (locked()) {
                        confirm(stream);
                    }
                });
            }
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("Outbox relay cannot confirm delivery yet; rows are kept: {}", e.toString());
                failing = true;
            }
        }
    }

    private void confirm(String stream) {
        List<?> answer = redis.execute(CONFIRM, List.of(stream));
        if (answer == null || answer.isEmpty()) {
            throw new IllegalStateException("Unexpected answer of the outbox confirm script on " + stream);
        }
        String state = answer.get(0).toString();
        Optional<StreamEntryId> newest = newestKept(stream);
        if (state.equals("missing")) {
            replayAfter(stream, new StreamEntryId(0, 0), "the stream is gone");
        } else {
            StreamEntryId last = StreamEntryId.parse(answer.get(1).toString());
            if (newest.isPresent() && last.compareTo(newest.get()) < 0) {
                replayAfter(stream, last, "Redis lost entries");
            }
            if (state.equals("ok")) {
                StreamEntryId below = StreamEntryId.parse(answer.get(3).toString());
                deleteJudged(stream, below);
                String first = answer.get(2).toString();
                replayTrimmed(stream, below, first.isEmpty() ? null : StreamEntryId.parse(first), last);
            }
        }
        int given = jdbc.sql("""
                DELETE FROM outbox_events WHERE stream = :s AND entry_ms IS NOT NULL
                   AND sent_at < now() - make_interval(secs => :retention)
                """).param("s", stream).param("retention", (double) settings.retention().toSeconds()).update();
        if (given > 0) {
            expired.addAndGet(given);
            log.warn("Outbox: gave up confirming {} event(s) of {} sent more than {} ago (no consumer group "
                    + "acknowledged them)", given, stream, settings.retention());
        }
    }

    private void deleteJudged(String stream, StreamEntryId below) {
        jdbc.sql("""
                DELETE FROM outbox_events WHERE stream = :s AND entry_ms IS NOT NULL
                   AND (entry_ms, entry_seq) < (:ms, :seq)
                """).param("s", stream).param("ms", below.millis()).param("seq", below.sequence()).update();
    }

    /** Entries from {@code below} to the stream's first (or, if it is empty, its last) were trimmed unjudged. */
    private void replayTrimmed(String stream, StreamEntryId below, StreamEntryId first, StreamEntryId last) {
        String upper = first == null ? "<=" : "<";
        StreamEntryId bound = first == null ? last : first;
        int trimmed = jdbc.sql("UPDATE outbox_events SET entry_ms = NULL, entry_seq = NULL, sent_at = NULL "
                + "WHERE stream = :s AND entry_ms IS NOT NULL AND (entry_ms, entry_seq) >= (:bms, :bseq) "
                + "AND (entry_ms, entry_seq) " + upper + " (:ums, :useq)")
                .param("s", stream).param("bms", below.millis()).param("bseq", below.sequence())
                .param("ums", bound.millis()).param("useq", bound.sequence()).update();
        if (trimmed > 0) {
            replayed.addAndGet(trimmed);
            log.warn("Outbox: {} event(s) of {} were trimmed before every consumer group judged them (stream cap "
                    + "{}); sending them again", trimmed, stream, settings.streamMaxLength());
        }
    }

    private void replayAfter(String stream, StreamEntryId last, String why) {
        int marked = jdbc.sql("""
                UPDATE outbox_events SET entry_ms = NULL, entry_seq = NULL, sent_at = NULL
                 WHERE stream = :s AND entry_ms IS NOT NULL AND (entry_ms, entry_seq) > (:ms, :seq)
                """).param("s", stream).param("ms", last.millis()).param("seq", last.sequence()).update();
        if (marked > 0) {
            replayed.addAndGet(marked);
            log.warn("Outbox: {} ({} ends at {}); sending {} event(s) again", why, stream, last, marked);
        }
    }

    private void recordSent(List<Row> rows, List<StreamEntryId> ids) {
        jdbcTemplate.execute((ConnectionCallback<Integer>) connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    UPDATE outbox_events o SET entry_ms = u.ms, entry_seq = u.seq, sent_at = now()
                      FROM unnest(?::bigint[], ?::bigint[], ?::bigint[]) AS u(id, ms, seq)
                     WHERE o.id = u.id
                    """)) {
                Array idArray = connection.createArrayOf("bigint", rows.stream().map(Row::id).toArray());
                Array msArray = connection.createArrayOf("bigint", ids.stream().map(StreamEntryId::millis).toArray());
                Array seqArray = connection.createArrayOf("bigint",
                        ids.stream().map(StreamEntryId::sequence).toArray());
                statement.setArray(1, idArray);
                statement.setArray(2, msArray);
                statement.setArray(3, seqArray);
                return statement.executeUpdate();
            }
        });
    }

    private Optional<StreamEntryId> newestKept(String stream) {
        return jdbc.sql("""
                SELECT entry_ms, entry_seq FROM outbox_events WHERE stream = :s AND entry_ms IS NOT NULL
                 ORDER BY entry_ms DESC, entry_seq DESC LIMIT 1
                """).param("s", stream)
                .query((rs, i) -> new StreamEntryId(rs.getLong(1), rs.getLong(2))).optional();
    }

    /** The streams with sent rows still kept, by a walk of the index rather than a scan of the rows. */
    private List<String> keptStreams() {
        return jdbc.sql("""
                WITH RECURSIVE s(stream) AS (
                    (SELECT stream FROM outbox_events WHERE entry_ms IS NOT NULL ORDER BY stream LIMIT 1)
                    UNION ALL
                    SELECT (SELECT o.stream FROM outbox_events o WHERE o.entry_ms IS NOT NULL AND o.stream > s.stream
                             ORDER BY o.stream LIMIT 1)
                      FROM s WHERE s.stream IS NOT NULL)
                SELECT stream FROM s WHERE stream IS NOT NULL
                """).query(String.class).list();
    }

    private boolean locked() {
        return jdbc.sql("SELECT pg_try_advisory_xact_lock(:key)").param("key", settings.lockKey())
                .query(Boolean.class).single();
    }

    private static boolean isLost(List<?> result) {
        return result.size() == 2 && "LOST".equals(String.valueOf(result.get(0)));
    }

    /** Rows not yet sent (the backlog an operator watches). */
    public long waiting() {
        return jdbc.sql("SELECT count(*) FROM outbox_events WHERE entry_ms IS NULL").query(Long.class).single();
    }

    /** Rows sent and kept until every consumer group of their stream has acknowledged them. */
    public long unconfirmed() {
        return jdbc.sql("SELECT count(*) FROM outbox_events WHERE entry_ms IS NOT NULL").query(Long.class).single();
    }

    /** Events sent again since start because Redis no longer held them unjudged. */
    public long replayed() {
        return replayed.get();
    }

    /** Events given up since start: sent, never acknowledged by a consumer group within the retention. */
    public long expired() {
        return expired.get();
    }

    private record Row(long id, String stream, String payload) {
    }

    /** A script of this package, after the stream-id helpers both scripts use (Redis scripts cannot import). */
    @SuppressWarnings("rawtypes")
    private static RedisScript<List> script(String name) {
        return RedisScripts.load(List.class, "org/hhms/messaging/outbox/stream_ids.lua",
                "org/hhms/messaging/outbox/" + name);
    }
}
