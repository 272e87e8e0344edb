package org.hhms.messaging.stream;

import java.nio.charset.StandardCharsets;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.hhms.contracts.events.EventCodec;
import org.hhms.contracts.events.EventEnvelope;
import org.hhms.contracts.events.EventPayload;
import org.hhms.contracts.events.Streams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.PendingMessage;
import org.springframework.data.redis.connection.stream.PendingMessages;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.api.async.RedisStreamAsyncCommands;
import io.lettuce.core.models.stream.ClaimedMessages;

/**
 * One named consumer of a Redis Streams consumer group, with the HHMS delivery guarantees:
 * <ul>
 * <li>an entry is acknowledged only after its handler returned (the handler commits first); the entries of one
 * read are handed to the handler together ({@link EventHandler#handleAll}) in one transaction and acknowledged
 * together (one commit instead of one per entry), and if any of them fails the batch is rolled back and each entry
 * handled on its own, so one bad entry holds up no other;</li>
 * <li>entries left pending by a consumer that died are taken over (XAUTOCLAIM, through Lettuce's native API since
 * Spring Data Redis has no wrapper) at start and every {@code reclaimInterval};</li>
 * <li>an entry that failed {@code maxDeliveries} times, for a reason other than an unreachable database, goes to
 * {@code <stream>:dead} with the error and is acknowledged;</li>
 * <li>a failure never stops the loop: Redis or database outages are retried with a pause, and a consumer group
 * lost with a Redis restart is recreated.</li>
 * </ul>
 */
public class GroupConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GroupConsumer.class);

    private final StringRedisTemplate redis;
    private final String stream;
    private final String group;
    private final Consumer consumer;
    private final EventHandler handler;
    private final EventCodec codec;
    private final TransactionTemplate transactions;
    private final Settings settings;
    private final Clock clock;
    /** The last failure of entries this consumer handled, to tell poison from outages. */
    private final Map<String, Exception> lastErrors = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile Thread worker;

    /**
     * @param maxDeliveries   deliveries after which a failing entry is dead-lettered
     * @param reclaimIdle     how long an entry must have been pending before it is taken over
     * @param reclaimInterval how often pending entries are looked at
     * @param batchSize       entries read at once
     * @param linger          the wait after a read that found less than a batch (0: none)
     */
    public record Settings(int maxDeliveries, Duration reclaimIdle, Duration reclaimInterval, int batchSize,
            Duration linger) {
    }

    public GroupConsumer(StringRedisTemplate redis, EventCodec codec, TransactionTemplate transactions,
            String stream, String group, String consumerName, EventHandler handler, Settings settings, Clock clock) {
        this.clock = clock;
        this.redis = redis;
        this.codec = codec;
        this.transactions = transactions;
        this.stream = stream;
        this.group = group;
        this.consumer = Consumer.from(group, consumerName);
        this.handler = handler;
        this.settings = settings;
    }

    @Override
    public void start() {
        running = true;
        worker = Thread.ofVirtual().name("consumer-" + stream).start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        Thread thread = worker;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The stream this consumer reads (with the key prefix). */
    public String stream() {
        return stream;
    }

    /** Its consumer group. */
    public String group() {
        return group;
    }

    private void run() {
        boolean groupReady = false;
        boolean failing = false;
        long lastReclaim = System.nanoTime() - settings.reclaimInterval().toNanos();
        while (running) {
            try {
                if (!groupReady) {
                    ensureGroup();
                    groupReady = true;
                }
                if (System.nanoTime() - lastReclaim >= settings.reclaimInterval().toNanos()) {
                    lastReclaim = System.nanoTime();
                    reclaimSafely();
                }
                List<MapRecord<String, Object, Object>> records = redis.opsForStream().read(consumer,
                        StreamReadOptions.empty().count(settings.batchSize()).block(Duration.ofSeconds(1)),
                        StreamOffset.create(stream, ReadOffset.lastConsumed()));
                if (records != null && !records.isEmpty()) {
                    handleBatch(records);
                    if (records.size() < settings.batchSize() && settings.linger().isPositive()) {
                        Thread.sleep(settings.linger());
                    }
                }
                if (failing) {
                    log.info("{} consumer {} is reading again", stream, consumer.getName());
                    failing = false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                if (mentions(e, "NOGROUP")) {
                    groupReady = false; // Redis lost the stream or the group (e.g. restarted without persistence)
                }
                if (!failing) {
                    log.warn("{} consumer {} paused, retrying: {}", stream, consumer.getName(), e.toString());
                    failing = true;
                }
                pause();
            }
        }
    }

    /** Handles a read in one transaction and acknowledges it; on any failure, entry by entry instead. */
    private void handleBatch(List<MapRecord<String, Object, Object>> records) {
        if (records.size() > 1) {
            try {
                List<EventEnvelope<EventPayload>> events = new ArrayList<>(records.size());
                for (MapRecord<String, Object, Object> record : records) {
                    codec.decode(value(record.getValue())).ifPresent(events::add);
                }
                transactions.executeWithoutResult(status -> {
                    try {
                        handler.handleAll(events);
                    } catch (RuntimeException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                redis.opsForStream().acknowledge(stream, group,
                        records.stream().map(MapRecord::getId).toArray(RecordId[]::new));
                records.forEach(r -> lastErrors.remove(r.getId().getValue()));
                return;
            } catch (RuntimeException batchFailed) {
                log.debug("{}: batch of {} failed ({}); handling its entries one by one", stream, records.size(),
                        batchFailed.toString());
            }
        }
        for (MapRecord<String, Object, Object> record : records) {
            handle(record.getId().getValue(), value(record.getValue()));
        }
    }

    /** Handles one entry and acknowledges it; a transient failure is rethrown so the loop pauses. */
    private void handle(String id, String event) {
        try {
            dispatch(event);
        } catch (Exception e) {
            lastErrors.put(id, e);
            if (isTransient(e)) {
                throw new IllegalStateException("Transient failure on " + id + ": " + e.getMessage(), e);
            }
            log.warn("{} entry {} failed (will be retried, dead-lettered after {} deliveries): {}", stream, id,
                    settings.maxDeliveries(), e.toString());
            return;
        }
        redis.opsForStream().acknowledge(stream, group, id);
        lastErrors.remove(id);
    }

    /** A failed takeover is retried at the next interval; it never keeps new entries from being read. */
    private void reclaimSafely() {
        try {
            reclaim();
        } catch (RuntimeException e) {
            if (isTransient(e) || e instanceof IllegalStateException) {
                throw e;
            }
            log.warn("{} consumer {}: taking over pending entries failed, retrying later: {}", stream,
                    consumer.getName(), e.toString());
        }
    }

    /** Dead-letters entries that keep failing, then takes over entries idle too long (ours or a dead consumer's). */
    void reclaim() {
        PendingMessages pending = redis.opsForStream().pending(stream, group, Range.unbounded(), 100);
        for (PendingMessage message : pending) {
            String id = message.getIdAsString();
            Exception last = lastErrors.get(id);
            boolean idle = message.getElapsedTimeSinceLastDelivery().compareTo(settings.reclaimIdle()) >= 0;
            if (idle && message.getTotalDeliveryCount() >= settings.maxDeliveries() && last != null
                    && !isTransient(last)) {
                deadLetter(id, message.getTotalDeliveryCount(), last);
            }
        }
        ClaimedMessages<byte[], byte[]> claimed = redis.execute((RedisCallback<ClaimedMessages<byte[], byte[]>>) c ->
                autoClaim(c));
        if (claimed == null) {
            return;
        }
        for (StreamMessage<byte[], byte[]> message : claimed.getMessages()) {
            if (message.getBody() == null) {
                // Trimmed while pending (only the producer's safety cap does that): the producer's outbox still
                // holds the event and sends it again, so this empty reference is only acknowledged.
                log.warn("{} entry {} was trimmed before it was judged; its producer sends it again", stream,
                        message.getId());
                redis.opsForStream().acknowledge(stream, group, message.getId());
                continue;
            }
            Map<String, String> body = new LinkedHashMap<>();
            message.getBody().forEach((k, v) -> body.put(new String(k, StandardCharsets.UTF_8),
                    v == null ? null : new String(v, StandardCharsets.UTF_8)));
            handle(message.getId(), body.get("event"));
        }
    }

    /** Reads the entry's event and hands it to the handler; an event type this version does not know is skipped. */
    private void dispatch(String event) throws Exception {
        var envelope = codec.decode(event);
        if (envelope.isPresent()) {
            handler.handle(envelope.get());
        } else {
            log.debug("{}: an event of a type this version does not know, skipped", stream);
        }
    }

    private ClaimedMessages<byte[], byte[]> autoClaim(RedisConnection connection) {
        @SuppressWarnings("unchecked")
        RedisStreamAsyncCommands<byte[], byte[]> commands = (RedisStreamAsyncCommands<byte[], byte[]>)
                connection.getNativeConnection();
        XAutoClaimArgs<byte[]> args = XAutoClaimArgs.Builder
                .xautoclaim(io.lettuce.core.Consumer.from(bytes(group), bytes(consumer.getName())),
                        settings.reclaimIdle(), "0-0")
                .count(settings.batchSize());
        try {
            return commands.xautoclaim(bytes(stream), args).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new DataAccessResourceFailureException("XAUTOCLAIM failed on " + stream, e);
        }
    }

    private void deadLetter(String id, long deliveries, Exception error) {
        List<MapRecord<String, Object, Object>> entry = redis.opsForStream().range(stream, Range.closed(id, id));
        String event = entry == null || entry.isEmpty() ? null : value(entry.getFirst().getValue());
        Map<String, String> dead = new LinkedHashMap<>();
        dead.put("event", event == null ? "" : event);
        dead.put("original_id", id);
        dead.put("error", String.valueOf(error));
        dead.put("deliveries", Long.toString(deliveries));
        dead.put("consumer", consumer.getName());
        dead.put("failed_at", clock.instant().toString());
        redis.opsForStream().add(StreamRecords.mapBacked(dead).withStreamKey(Streams.deadLetters(stream)));
        redis.opsForStream().acknowledge(stream, group, RecordId.of(id));
        lastErrors.remove(id);
        log.error("{} entry {} moved to {}:dead after {} deliveries: {}", stream, id, stream, deliveries,
                error.toString());
    }

    private void ensureGroup() {
        try {
            redis.opsForStream().createGroup(stream, ReadOffset.from("0"), group);
        } catch (RuntimeException e) {
            if (mentions(e, "BUSYGROUP")) {
                return;
            }
            throw e;
        }
    }

    static boolean isTransient(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransientDataAccessException || t instanceof DataAccessResourceFailureException
                    || t instanceof RecoverableDataAccessException || t instanceof TransactionException
                    || t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true;
            }
        }
        return false;
    }

    private static String value(Map<Object, Object> body) {
        Object event = body.get("event");
        return event == null ? null : event.toString();
    }

    private static boolean mentions(Throwable error, String code) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (String.valueOf(t.getMessage()).contains(code)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
