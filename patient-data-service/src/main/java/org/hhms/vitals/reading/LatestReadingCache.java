package org.hhms.vitals.reading;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.hhms.contracts.RedisKeys;
import org.hhms.contracts.vitals.VitalMetric;
import org.hhms.vitals.reading.ReadingRepository.TimedValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The newest value of every metric of a patient, in one Redis hash per patient: field {@code heart_rate} holds
 * {@code <epoch micros>|<value>}. Values are merged by time in Redis (a Lua script), so a late, older reading never
 * hides a newer value, and a blood-pressure reading never hides the last heart rate. The hash is trusted only once
 * it has been filled from the database ({@code _complete}); until then, and whenever Redis fails, the database
 * answers.
 */
@Component
public class LatestReadingCache {

    private static final Logger log = LoggerFactory.getLogger(LatestReadingCache.class);
    static final String COMPLETE = "_complete";

    /** KEYS[1] the hash; ARGV: triples of field, epoch micros, value; then a final "complete" flag (0/1). */
    private static final RedisScript<Long> MERGE = RedisScript.of("""
            local n = (#ARGV - 1) / 3
            for i = 0, n - 1 do
              local field, micros, value = ARGV[i*3+1], ARGV[i*3+2], ARGV[i*3+3]
              local current = redis.call('HGET', KEYS[1], field)
              -- epoch micros are below 2^53: exact as Lua numbers; stored as the original digits
              if not current or tonumber(string.match(current, '^[^|]+')) <= tonumber(micros) then
                redis.call('HSET', KEYS[1], field, micros .. '|' .. value)
              end
            end
            if ARGV[#ARGV] == '1' then redis.call('HSET', KEYS[1], '_complete', '1') end
            return n
            """, Long.class);

    private final StringRedisTemplate redis;
    private final RedisKeys keys;
    /** Patients whose cached hash may have missed an update while Redis failed: never trusted until rebuilt. */
    private final Set<UUID> suspect = ConcurrentHashMap.newKeySet();

    public LatestReadingCache(StringRedisTemplate redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** Merges newly stored readings (after their commit). */
    public void merge(UUID patientId, List<Reading> readings) {
        List<String> args = new ArrayList<>();
        for (Reading reading : readings) {
            long micros = micros(reading.recordedAt());
            for (Map.Entry<VitalMetric, Double> value : reading.values().entrySet()) {
                args.addAll(List.of(value.getKey().json(), Long.toString(micros), value.getValue().toString()));
            }
            if (reading.onOxygen() != null) {
                args.addAll(List.of("on_oxygen", Long.toString(micros), reading.onOxygen().toString()));
            }
            if (reading.consciousness() != null) {
                args.addAll(List.of("consciousness", Long.toString(micros), reading.consciousness().json()));
            }
        }
        run(patientId, args, false);
    }

    /** The cached newest values, or empty when the cache cannot be trusted for this patient. */
    public Optional<Map<String, TimedValue>> get(UUID patientId) {
        if (suspect.contains(patientId)) {
            return Optional.empty();
        }
        try {
            Map<Object, Object> hash = redis.opsForHash().entries(key(patientId));
            if (!hash.containsKey(COMPLETE)) {
                return Optional.empty();
            }
            Map<String, TimedValue> values = new LinkedHashMap<>();
            hash.forEach((field, raw) -> {
                if (!COMPLETE.equals(field)) {
                    String[] parts = raw.toString().split("\\|", 2);
                    values.put(field.toString(), new TimedValue(parts[1], fromMicros(Long.parseLong(parts[0]))));
                }
            });
            return Optional.of(values);
        } catch (DataAccessException e) {
            log.debug("Latest cache unavailable, reading the database: {}", e.toString());
            return Optional.empty();
        } catch (RuntimeException e) {
            log.warn("Unreadable latest cache for {}, rebuilding it: {}", patientId, e.toString());
            suspect.add(patientId);
            return Optional.empty();
        }
    }

    /** Fills the hash from the database's newest values and marks it complete (merge keeps anything newer). */
    public void fill(UUID patientId, Map<String, TimedValue> newest) {
        List<String> args = new ArrayList<>();
        newest.forEach((field, value) -> args.addAll(
                List.of(field, Long.toString(micros(value.recordedAt())), value.value())));
        if (suspect.contains(patientId)) {
            try {
                redis.delete(key(patientId));
            } catch (DataAccessException e) {
                return;
            }
        }
        if (run(patientId, args, true)) {
            suspect.remove(patientId);
        }
    }

    public void evict(UUID patientId) {
        try {
            redis.delete(key(patientId));
            suspect.remove(patientId);
        } catch (DataAccessException e) {
            suspect.add(patientId);
        }
    }

    private boolean run(UUID patientId, List<String> triples, boolean complete) {
        List<String> args = new ArrayList<>(triples);
        args.add(complete ? "1" : "0");
        try {
            redis.execute(MERGE, List.of(key(patientId)), args.toArray());
            return true;
        } catch (DataAccessException e) {
            // The hash may now miss this value: distrust it until it is rebuilt from the database.
            suspect.add(patientId);
            log.debug("Latest cache update failed for {}: {}", patientId, e.toString());
            return false;
        }
    }

    private String key(UUID patientId) {
        return keys.key("hhms:vitals:latest:" + patientId);
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    private static Instant fromMicros(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
}
