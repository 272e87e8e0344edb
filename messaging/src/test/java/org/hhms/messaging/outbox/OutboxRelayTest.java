package org.hhms.messaging.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.hhms.contracts.RedisKeys;
import org.hhms.contracts.events.EventCodec;
import org.hhms.contracts.events.EventType;
import org.hhms.contracts.events.VitalRecorded;
import org.hhms.contracts.vitals.VitalMetric;
import org.hhms.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.zaxxer.hikari.HikariDataSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox relay against real PostgreSQL and Redis: writers whose transactions commit out of id order race the
 * relay, and every event still reaches the stream exactly once; events Redis loses (a restart without persistence,
 * a trim) are sent again; rows are kept until every consumer group has acknowledged them.
 */
class OutboxRelayTest {

    private static final EventType TYPE = EventType.VITAL_RECORDED;
    private static final String STREAM = TYPE.stream();
    private static HikariDataSource dataSource;
    private static LettuceConnectionFactory connections;
    private static StringRedisTemplate redis;
    private static JdbcTemplate jdbc;
    private static TransactionTemplate transactions;
    private static final JsonMapper mapper = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
    private static final UUID PATIENT = UUID.randomUUID();
    private RedisKeys keys;
    private OutboxRelay relay;
    private Outbox outbox;

    @BeforeAll
    static void connect() throws Exception {
        String database = TestDatabases.createDatabase("hhms_test_outbox");
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(TestDatabases.jdbcUrl(database));
        dataSource.setUsername(TestDatabases.pgUser());
        dataSource.setPassword(TestDatabases.pgPassword());
        dataSource.setMaximumPoolSize(24);
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute(new ClassPathResource("db/outbox/R__outbox_events.sql").getContentAsString(StandardCharsets.UTF_8));
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration(TestDatabases.redisHost(),
                TestDatabases.redisPort()));
        connections.afterPropertiesSet();
        connections.start();
        redis = new StringRedisTemplate(connections);
    }

    @AfterAll
    static void close() {
        connections.destroy();
        dataSource.close();
    }

    @BeforeEach
    void freshStreamAndRelay() {
        jdbc.update("TRUNCATE outbox_events");
        keys = new RedisKeys("test:outbox:" + System.nanoTime() + ":");
        relay = newRelay(1_000_000);
        // The test drives the relay itself: after-commit nudges (on another thread) would race its assertions.
        relay.stop();
        outbox = new Outbox(jdbc, new EventCodec(), relay, keys, Clock.systemUTC());
    }

    private OutboxRelay newRelay(long streamMaxLength) {
        return new OutboxRelay(jdbc, redis, transactions, new OutboxProperties(4242L, 50, streamMaxLength,
                Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofHours(24)));
    }

    /**
     * Eight writers each take an id, wait a random moment and commit, while the relay sends in a loop: a row whose
     * id is lower than one already sent, committed later, must still be sent (the old relay deleted it unsent).
     */
    @RepeatedTest(5)
    void writersCommittingOutOfIdOrderLoseNothing() throws Exception {
        int writers = 8;
        int perWriter = 150;
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread relaying = Thread.ofPlatform().start(() -> {
            while (writing.get()) {
                relay.relayAll();
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch done = new CountDownLatch(writers);
        for (int w = 0; w < writers; w++) {
            int writer = w;
            pool.execute(() -> {
                try {
                    for (int i = 0; i < perWriter; i++) {
                        int n = i;
                        transactions.executeWithoutResult(status -> {
                            outbox.appendAll(TYPE, List.of(reading("writer-" + writer + "-" + n)), null);
                            pause(ThreadLocalRandom.current().nextInt(3));
                        });
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
        writing.set(false);
        relaying.join();
        pool.shutdown();
        relay.relayAll();

        Map<String, Integer> seen = countByEvent(readAll());
        assertThat(relay.waiting()).isZero();
        assertThat(seen.size()).as("distinct events in the stream").isEqualTo(writers * perWriter);
        assertThat(seen.values().stream().filter(count -> count > 1).count()).as("events sent twice").isZero();
    }

    /**
     * A transaction's events are written when it commits, all together, in the order they were appended (across
     * types and calls), including one appended while it commits; a transaction rolled back leaves none.
     */
    @Test
    void aTransactionsEventsAreWrittenAtItsCommitInOrderAndNotAtAllWhenItRollsBack() {
        transactions.executeWithoutResult(status -> {
            outbox.appendAll(TYPE, List.of(reading("t-1"), reading("t-2")), "trace-a");
            outbox.append(TYPE, reading("t-3"));
            assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox_events", Long.class))
                    .as("nothing written before the commit").isZero();
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    outbox.appendAll(TYPE, List.of(reading("t-4")), "trace-c");
                }
            });
            outbox.appendAll(TYPE, List.of(reading("t-5")), "trace-d");
        });
        assertThat(jdbc.queryForList("SELECT payload::json -> 'data' ->> 'reading_id' FROM outbox_events ORDER BY id",
                String.class)).containsExactly("t-1", "t-2", "t-3", "t-5", "t-4");

        try {
            transactions.executeWithoutResult(status -> {
                outbox.appendAll(TYPE, List.of(reading("r-1")), null);
                throw new IllegalStateException("rolled back");
            });
        } catch (IllegalStateException expected) {
            // the transaction is gone, and its event with it
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox_events", Long.class)).isEqualTo(5);
    }

    @Test
    void rowsAreKeptUntilEveryConsumerGroupHasAcknowledgedThem() {
        String stream = keys.key(STREAM);
        append(10);
        relay.relayAll();
        redis.opsForStream().createGroup(stream, ReadOffset.from("0"), "first");
        redis.opsForStream().createGroup(stream, ReadOffset.from("0"), "second");
        relay.confirmAll();
        assertThat(relay.unconfirmed()).as("nothing acknowledged yet").isEqualTo(10);

        List<MapRecord<String, Object, Object>> read = redis.opsForStream().read(Consumer.from("first", "a"),
                StreamReadOptions.empty().count(100), StreamOffset.create(stream, ReadOffset.lastConsumed()));
        redis.opsForStream().acknowledge(stream, "first", read.stream().map(MapRecord::getId).toArray(
                org.springframework.data.redis.connection.stream.RecordId[]::new));
        relay.confirmAll();
        assertThat(relay.unconfirmed()).as("the second group has not read them").isEqualTo(10);

        List<MapRecord<String, Object, Object>> second = redis.opsForStream().read(Consumer.from("second", "b"),
                StreamReadOptions.empty().count(6), StreamOffset.create(stream, ReadOffset.lastConsumed()));
        redis.opsForStream().acknowledge(stream, "second", second.subList(0, 4).stream().map(MapRecord::getId)
                .toArray(org.springframework.data.redis.connection.stream.RecordId[]::new));
        relay.confirmAll();
        // The second group acknowledged 4 of the 6 it read: its oldest pending entry is the 5th.
        assertThat(relay.unconfirmed()).isEqualTo(6);
        assertThat(redis.opsForStream().size(stream)).as("judged entries trimmed").isLessThanOrEqualTo(10);
        assertThat(relay.replayed()).isZero();
    }

    @Test
    void eventsARestartedRedisLostAreSentAgainOnce() {
        String stream = keys.key(STREAM);
        append(30);
        relay.relayAll();
        redis.opsForStream().createGroup(stream, ReadOffset.from("0"), "consumers");
        assertThat(redis.opsForStream().size(stream)).isEqualTo(30);
        // Redis restarts without persistence: the stream and its groups are gone.
        redis.delete(stream);
        append(5);
        relay.relayAll();
        Map<String, Integer> seen = countByEvent(readAll());
        assertThat(seen.size()).isEqualTo(35);
        assertThat(seen.values().stream().filter(count -> count > 1).count()).isZero();
        assertThat(relay.replayed()).isEqualTo(30);
    }

    @Test
    void aLossNoticedWithoutNewEventsIsReplayedByTheConfirmation() {
        String stream = keys.key(STREAM);
        append(12);
        relay.relayAll();
        redis.delete(stream);
        relay.confirmAll();
        relay.relayAll();
        assertThat(countByEvent(readAll()).size()).isEqualTo(12);
        assertThat(relay.replayed()).isEqualTo(12);
    }

    @Test
    void entriesTrimmedByTheCapBeforeAGroupJudgedThemAreSentAgain() {
        String stream = keys.key(STREAM);
        redis.opsForStream().createGroup(stream, ReadOffset.from("0"), "slow");
        append(20);
        relay.relayAll();
        redis.opsForStream().trim(stream, 5); // what the safety cap does to a backlog nobody has read
        relay.confirmAll();
        assertThat(relay.replayed()).isEqualTo(15);
        relay.relayAll();
        List<MapRecord<String, Object, Object>> read = redis.opsForStream().read(Consumer.from("slow", "s"),
                StreamReadOptions.empty().count(1000), StreamOffset.create(stream, ReadOffset.lastConsumed()));
        Map<String, Integer> seen = countByEvent(read);
        assertThat(seen.size()).as("the slow group gets all 20").isEqualTo(20);
        assertThat(seen.values().stream().filter(count -> count > 1).count()).isZero();
    }

    private void append(int count) {
        transactions.executeWithoutResult(status -> {
            List<VitalRecorded> data = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                data.add(reading(i + "-" + System.nanoTime()));
            }
            outbox.appendAll(TYPE, data, null);
        });
    }

    private static VitalRecorded reading(String readingId) {
        return VitalRecorded.of(PATIENT, readingId, Instant.EPOCH, Instant.EPOCH, null,
                Map.of(VitalMetric.HEART_RATE, 70.0), null, null);
    }

    private List<MapRecord<String, Object, Object>> readAll() {
        List<MapRecord<String, Object, Object>> records = redis.opsForStream().range(keys.key(STREAM),
                Range.unbounded());
        return records == null ? List.of() : records;
    }

    /** How often each event (by its event_id) is in the stream. */
    private static Map<String, Integer> countByEvent(List<MapRecord<String, Object, Object>> records) {
        Map<String, Integer> counts = new HashMap<>();
        for (MapRecord<String, Object, Object> record : records) {
            JsonNode envelope = mapper.readTree(record.getValue().get("event").toString());
            counts.merge(envelope.get("event_id").asString(), 1, Integer::sum);
        }
        return counts;
    }

    private static void pause(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
