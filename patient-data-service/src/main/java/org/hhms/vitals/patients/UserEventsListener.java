package org.hhms.vitals.patients;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.hhms.common.redis.RedisKeys;
import org.hhms.vitals.config.VitalsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Keeps the local view of patients current from {@code hhms:users} (consumer group {@code patient-data}): a
 * registration makes a patient known, a deactivation stops their readings. Each entry is acknowledged after it is
 * applied; applying one twice is harmless. Survives Redis outages by retrying, and recreates its group if Redis
 * lost it.
 */
@Component
public class UserEventsListener implements SmartLifecycle {

    static final String GROUP = "patient-data";
    private static final Logger log = LoggerFactory.getLogger(UserEventsListener.class);

    private final StringRedisTemplate redis;
    private final ObjectMapper mapper;
    private final KnownPatients patients;
    private final String stream;
    private final Consumer consumer;
    private volatile boolean running;
    private Thread worker;

    public UserEventsListener(StringRedisTemplate redis, ObjectMapper mapper, KnownPatients patients, RedisKeys keys,
            VitalsProperties properties) {
        this.redis = redis;
        this.mapper = mapper;
        this.patients = patients;
        this.stream = keys.key("hhms:users");
        this.consumer = Consumer.from(GROUP, properties.consumerName());
    }

    @Override
    public void start() {
        running = true;
        worker = Thread.ofVirtual().name("hhms-users-listener").start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        if (worker != null) {
            worker.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        boolean groupReady = false;
        boolean failing = false;
        // First what this consumer read but never acknowledged (it died mid-way), then new entries.
        ReadOffset offset = ReadOffset.from("0");
        while (running) {
            try {
                if (!groupReady) {
                    ensureGroup();
                    groupReady = true;
                }
                List<MapRecord<String, Object, Object>> records = redis.opsForStream().read(consumer,
                        StreamReadOptions.empty().count(100).block(Duration.ofSeconds(1)),
                        StreamOffset.create(stream, offset));
                if (records == null || records.isEmpty()) {
                    offset = ReadOffset.lastConsumed();
                    continue;
                }
                for (MapRecord<String, Object, Object> record : records) {
                    apply(record);
                    redis.opsForStream().acknowledge(stream, GROUP, record.getId());
                }
                if (failing) {
                    log.info("hhms:users listener reconnected");
                    failing = false;
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                if (!failing) {
                    log.warn("hhms:users listener cannot read yet, retrying: {}", e.toString());
                    failing = true;
                }
                if (mentions(e, "NOGROUP")) {
                    groupReady = false; // Redis lost the stream or the group (e.g. restarted without persistence)
                }
                sleep();
            }
        }
    }

    private void apply(MapRecord<String, Object, Object> record) {
        Object event = record.getValue().get("event");
        if (event == null) {
            return;
        }
        JsonNode envelope;
        try {
            envelope = mapper.readTree(event.toString());
        } catch (RuntimeException e) {
            log.warn("Ignoring unreadable hhms:users entry {}: {}", record.getId(), e.toString());
            return;
        }
        String type = envelope.path("type").asString("");
        JsonNode user = envelope.path("data");
        if (!type.startsWith("user.") || !user.has("id")) {
            return;
        }
        patients.learn(UUID.fromString(user.get("id").asString()), user.path("role").asString(""),
                user.path("is_active").asBoolean(false), Instant.parse(user.get("updated_at").asString()));
    }

    private void ensureGroup() {
        try {
            redis.execute((RedisCallback<Object>) connection -> {
                connection.streamCommands().xGroupCreate(stream.getBytes(StandardCharsets.UTF_8),
                        GROUP, ReadOffset.from("0"), true);
                return null;
            });
        } catch (RuntimeException e) {
            if (!mentions(e, "BUSYGROUP")) {
                throw e;
            }
        }
    }

    private static boolean mentions(Throwable error, String code) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (String.valueOf(t.getMessage()).contains(code)) {
                return true;
            }
        }
        return false;
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
