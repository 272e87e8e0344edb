package org.hhms.alerts.alert;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.hhms.alerts.careteam.CareTeams;
import org.hhms.contracts.RedisKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Live alert events for dashboards. Every change is published on a Redis pub/sub channel after its commit; every
 * instance listens and delivers to its own SSE subscribers whose filter matches, so a subscriber of any instance
 * sees every change. Heartbeats every 15 s keep proxies from closing idle streams.
 */
@Component
public class AlertBroadcaster implements MessageListener, SmartLifecycle {

    public static final String CHANNEL = "hhms:alerts:live";
    private static final Logger log = LoggerFactory.getLogger(AlertBroadcaster.class);

    private final StringRedisTemplate redis;
    private final ObjectMapper mapper;
    private final CareTeams careTeams;
    private final String channel;
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();

    public AlertBroadcaster(StringRedisTemplate redis, ObjectMapper mapper, CareTeams careTeams, RedisKeys keys) {
        this.redis = redis;
        this.mapper = mapper;
        this.careTeams = careTeams;
        this.channel = keys.key(CHANNEL);
    }

    public String channel() {
        return channel;
    }

    /** Publishes the event once the current transaction (if any) has committed. */
    public void publish(String type, AlertResponse alert) {
        String json = mapper.writeValueAsString(Map.of("type", type, "alert", alert));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    send(json);
                }
            });
        } else {
            send(json);
        }
    }

    private void send(String json) {
        try {
            redis.convertAndSend(channel, json);
        } catch (DataAccessException e) {
            log.warn("Live alert event not published (Redis unavailable); dashboards refresh on reconnect: {}",
                    e.toString());
        }
    }

    /** A new SSE subscription, optionally for one doctor's patients or one patient. */
    public SseEmitter subscribe(UUID doctorId, UUID patientId) {
        SseEmitter emitter = new SseEmitter(0L);
        Subscriber subscriber = new Subscriber(emitter, doctorId, patientId);
        subscribers.add(subscriber);
        emitter.onCompletion(() -> subscribers.remove(subscriber));
        emitter.onTimeout(() -> subscribers.remove(subscriber));
        emitter.onError(e -> subscribers.remove(subscriber));
        try {
            emitter.send(SseEmitter.event().comment("connected"));
        } catch (IOException e) {
            subscribers.remove(subscriber);
        }
        return emitter;
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        String json = new String(message.getBody(), StandardCharsets.UTF_8);
        JsonNode event = mapper.readTree(json);
        String type = event.path("type").asString();
        JsonNode alert = event.path("alert");
        UUID patient = UUID.fromString(alert.path("patient_id").asString());
        Map<UUID, Boolean> onTeam = new ConcurrentHashMap<>();
        for (Subscriber s : subscribers) {
            boolean wanted = (s.patientId() == null || s.patientId().equals(patient)) && (s.doctorId() == null
                    || onTeam.computeIfAbsent(s.doctorId(), d -> careTeams.patientsOf(d).contains(patient)));
            if (wanted) {
                deliver(s, type, alert.toString());
            }
        }
    }

    @Scheduled(fixedDelay = 15_000)
    void heartbeat() {
        for (Subscriber s : subscribers) {
            try {
                s.emitter().send(SseEmitter.event().comment("heartbeat"));
            } catch (IOException | IllegalStateException e) {
                subscribers.remove(s);
            }
        }
    }

    private volatile boolean running;

    @Override
    public void start() {
        running = true;
    }

    /**
     * Ends every live stream when the service stops, before the web server's graceful shutdown: an open stream
     * never finishes by itself, so it would hold the shutdown for its whole timeout (30 s). Dashboards reconnect
     * (EventSource does so by itself) to another instance or to this one once it is back.
     */
    @Override
    public void stop() {
        running = false;
        for (Subscriber s : subscribers) {
            try {
                s.emitter().complete();
            } catch (RuntimeException e) {
                // already gone
            }
            subscribers.remove(s);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    public int subscribers() {
        return subscribers.size();
    }

    private void deliver(Subscriber s, String type, String data) {
        try {
            s.emitter().send(SseEmitter.event().name(type).data(data));
        } catch (IOException | IllegalStateException e) {
            subscribers.remove(s);
        }
    }

    private record Subscriber(SseEmitter emitter, UUID doctorId, UUID patientId) {
    }
}
