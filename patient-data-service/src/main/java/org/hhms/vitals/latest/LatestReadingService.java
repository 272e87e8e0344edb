package org.hhms.vitals.latest;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.hhms.contracts.vitals.VitalMetric;
import org.hhms.vitals.reading.Consciousness;
import org.hhms.vitals.reading.LatestReadingCache;
import org.hhms.vitals.reading.ReadingRepository;
import org.hhms.vitals.reading.ReadingRepository.TimedValue;
import org.springframework.stereotype.Service;

/** A patient's latest values: from the Redis cache when it can be trusted, else from the database (and cached). */
@Service
public class LatestReadingService {

    private final LatestReadingCache cache;
    private final ReadingRepository readings;

    public LatestReadingService(LatestReadingCache cache, ReadingRepository readings) {
        this.cache = cache;
        this.readings = readings;
    }

    public Optional<LatestReading> latest(UUID patientId) {
        Map<String, TimedValue> values = cache.get(patientId).orElseGet(() -> {
            Map<String, TimedValue> fromDatabase = readings.newestValues(patientId);
            cache.fill(patientId, fromDatabase);
            return fromDatabase;
        });
        if (values.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(toReading(patientId, values));
    }

    private static LatestReading toReading(UUID patientId, Map<String, TimedValue> values) {
        Map<String, Instant> measuredAt = new LinkedHashMap<>();
        for (VitalMetric metric : VitalMetric.values()) {
            TimedValue value = values.get(metric.json());
            if (value != null) {
                measuredAt.put(metric.json(), value.recordedAt());
            }
        }
        Instant newest = values.values().stream().map(TimedValue::recordedAt).max(Comparator.naturalOrder())
                .orElseThrow();
        TimedValue oxygen = values.get("on_oxygen");
        TimedValue consciousness = values.get("consciousness");
        return new LatestReading(patientId, newest, number(values, VitalMetric.HEART_RATE), number(values, VitalMetric.SPO2),
                number(values, VitalMetric.RESPIRATORY_RATE), number(values, VitalMetric.SYSTOLIC_BP),
                number(values, VitalMetric.DIASTOLIC_BP), number(values, VitalMetric.TEMPERATURE),
                number(values, VitalMetric.GLUCOSE), number(values, VitalMetric.WEIGHT_KG),
                oxygen == null ? null : Boolean.valueOf(oxygen.value()),
                consciousness == null ? null : Consciousness.parse(consciousness.value()), measuredAt);
    }

    private static Double number(Map<String, TimedValue> values, VitalMetric metric) {
        TimedValue value = values.get(metric.json());
        return value == null ? null : Double.valueOf(value.value());
    }
}
