package org.hhms.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hhms.contracts.RedisKeys;
import org.hhms.contracts.events.EventEnvelope;
import org.hhms.contracts.events.EventType;
import org.hhms.contracts.events.Streams;
import org.hhms.contracts.events.VitalRecorded;
import org.hhms.contracts.vitals.VitalMetric;
import org.hhms.messaging.stream.GroupConsumer;
import org.hhms.testsupport.HttpTestSupport;
import org.hhms.testsupport.StreamEvents;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.JsonNode;

/** Shared helpers of the analytics tests: publishing vital.recorded events, reading what analytics produced. */
abstract class AnalyticsTestSupport extends HttpTestSupport {

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    RedisKeys keys;

    @Autowired
    JdbcTemplate jdbc;

    /** Publishes a vital.recorded event as the patient-data-service would, and returns its stream id. */
    RecordId publish(UUID patient, String readingId, Instant at, Object... metrics) {
        return events().publish(EventEnvelope.of(EventType.VITAL_RECORDED, reading(patient, readingId, at, metrics),
                Instant.now(), "test-" + readingId));
    }

    /** A stored reading's event: metrics by their JSON name and value, e.g. {@code "heart_rate", 150}. */
    static VitalRecorded reading(UUID patient, String readingId, Instant at, Object... metrics) {
        Map<VitalMetric, Double> values = new EnumMap<>(VitalMetric.class);
        for (int i = 0; i < metrics.length; i += 2) {
            values.put(VitalMetric.fromJson((String) metrics[i]).orElseThrow(),
                    ((Number) metrics[i + 1]).doubleValue());
        }
        return VitalRecorded.of(patient, readingId, at, Instant.now(), null, values, null, null);
    }

    RecordId publishRaw(String event) {
        return events().publishRaw(Streams.VITALS, event);
    }

    StreamEvents events() {
        return new StreamEvents(redis, keys);
    }

    long anomalies(UUID patient, String kind) {
        return jdbc.queryForObject("SELECT count(*) FROM anomalies WHERE patient_id = ? AND kind = ?", Long.class,
                patient, kind);
    }

    /** The patient's anomalies of one confirmation ({@code announced}, {@code held}, {@code contradicted}). */
    long confirmation(UUID patient, String confirmation) {
        return jdbc.queryForObject("SELECT count(*) FROM anomalies WHERE patient_id = ? AND confirmation = ?",
                Long.class, patient, confirmation);
    }

    /** How many of the patient's readings analytics has judged. */
    long judged(UUID patient) {
        return jdbc.queryForObject("SELECT count(*) FROM judged_readings WHERE patient_id = ?", Long.class, patient);
    }

    /**
     * Publishes a course of readings (each {@code {reading id, time, metrics}}) for the patient, each judged before
     * the next is sent.
     */
    void judgeOneByOne(UUID patient, List<Object[]> course) {
        for (Object[] reading : course) {
            publish(patient, (String) reading[0], (Instant) reading[1], (Object[]) reading[2]);
            long judgedSoFar = judged(patient) + 1;
            assertThat(await(Duration.ofSeconds(5), () -> judged(patient) == judgedSoFar)).isTrue();
        }
    }

    /**
     * Publishes the course for every patient while the consumer is stopped, interleaved as devices post (each read
     * then holds readings of every patient, in their order), and waits until all of it is judged.
     */
    void judgeAsBacklog(GroupConsumer consumer, List<UUID> patients, List<Object[]> course) {
        consumer.stop();
        try {
            for (Object[] reading : course) {
                for (UUID patient : patients) {
                    publish(patient, (String) reading[0], (Instant) reading[1], (Object[]) reading[2]);
                }
            }
        } finally {
            consumer.start();
        }
        assertThat(await(Duration.ofSeconds(20), () -> patients.stream().allMatch(p -> judged(p) == course.size())))
                .isTrue();
        sleep(500); // anything the batches announce after their commit
    }

    /** Events of hhms:anomalies about a patient, oldest first. */
    List<JsonNode> anomalyEvents(UUID patient) {
        List<MapRecord<String, Object, Object>> records = redis.opsForStream()
                .range(keys.key("hhms:anomalies"), Range.unbounded());
        return records == null ? List.of() : records.stream()
                .map(r -> mapper.readTree(r.getValue().get("event").toString()))
                .filter(e -> e.get("data").get("patient_id").asString().equals(patient.toString()))
                .toList();
    }

}
