package org.hhms.vitals.stream;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hhms.common.outbox.EventEnvelope;
import org.hhms.common.outbox.OutboxRelay;
import org.hhms.common.redis.RedisKeys;
import org.hhms.common.web.RequestIdFilter;
import org.hhms.vitals.reading.Metric;
import org.hhms.vitals.reading.Reading;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import tools.jackson.databind.ObjectMapper;

/**
 * Writes a {@code vital.recorded} event per stored reading into the outbox, in the transaction that stores the
 * readings: a reading acknowledged to the device always has its event, even if Redis fails after the commit.
 */
@Component
public class VitalsEvents {

    public static final String STREAM = "hhms:vitals";

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final OutboxRelay relay;
    private final String stream;

    public VitalsEvents(JdbcTemplate jdbc, ObjectMapper mapper, OutboxRelay relay, RedisKeys keys) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.relay = relay;
        this.stream = keys.key(STREAM);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void recorded(List<Reading> readings) {
        if (readings.isEmpty()) {
            return;
        }
        String traceId = RequestIdFilter.current();
        Object[] payloads = readings.stream()
                .map(r -> mapper.writeValueAsString(new EventEnvelope(UUID.randomUUID(), "vital.recorded",
                        Instant.now(), traceId, data(r))))
                .toArray();
        jdbc.execute((ConnectionCallback<Integer>) connection -> {
            try (var statement = connection.prepareStatement(
                    "INSERT INTO outbox_events (stream, payload) SELECT ?, p FROM unnest(?::text[]) AS p")) {
                statement.setString(1, stream);
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

    /** The event data: identity and times, then only the metrics the reading carries. */
    static Map<String, Object> data(Reading reading) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("patient_id", reading.patientId());
        data.put("reading_id", reading.readingId());
        data.put("recorded_at", reading.recordedAt());
        data.put("received_at", reading.receivedAt());
        data.put("device_id", reading.deviceId());
        for (Metric metric : Metric.values()) {
            if (reading.value(metric) != null) {
                data.put(metric.json(), reading.value(metric));
            }
        }
        if (reading.onOxygen() != null) {
            data.put("on_oxygen", reading.onOxygen());
        }
        if (reading.consciousness() != null) {
            data.put("consciousness", reading.consciousness().json());
        }
        return data;
    }
}
