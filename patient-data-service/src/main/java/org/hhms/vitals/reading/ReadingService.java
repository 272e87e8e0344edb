package org.hhms.vitals.reading;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.hhms.vitals.config.VitalsProperties;
import org.hhms.vitals.limit.AnalysisLag;
import org.hhms.vitals.limit.ReadingRateLimit;
import org.hhms.vitals.patients.KnownPatients;
import org.hhms.web.AfterCommit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes readings from devices: validates them, stores each exactly once, and records its vital.recorded event in
 * the same transaction. A retry of a stored reading answers what was stored.
 */
@Service
public class ReadingService {

    private final ReadingValidator validator;
    private final ReadingRepository repository;
    private final KnownPatients patients;
    private final VitalsEvents events;
    private final LatestReadingCache latest;
    private final VitalsProperties properties;
    private final ReadingRateLimit limit;
    private final AnalysisLag lag;
    private final Counter storedReadings;
    private final Counter repeatedReadings;

    public ReadingService(ReadingRepository repository, KnownPatients patients, VitalsEvents events,
            LatestReadingCache latest, VitalsProperties properties, Clock clock, ReadingRateLimit limit,
            AnalysisLag lag, MeterRegistry meters) {
        this.limit = limit;
        this.lag = lag;
        this.storedReadings = ingested(meters, "stored");
        this.repeatedReadings = ingested(meters, "repeat");
        this.validator = new ReadingValidator(clock, properties.maxReadingAge());
        this.repository = repository;
        this.patients = patients;
        this.events = events;
        this.latest = latest;
        this.properties = properties;
    }

    /** One reading from {@code caller} (its device or person id, for the ingest limit). */
    @Transactional
    public IngestResult ingest(UUID patientId, ReadingRequest request, String caller) {
        Reading reading = validator.validate(patientId, request);
        lag.admit();
        limit.take(caller, 1);
        return store(patientId, List.of(reading));
    }

    /** A batch from {@code caller}: validated whole, counted against the limit reading by reading. */
    @Transactional
    public IngestResult ingestBatch(UUID patientId, List<ReadingRequest> requests, String caller) {
        List<Reading> readings = validator.validateBatch(patientId, requests, properties.maxBatch());
        lag.admit();
        limit.take(caller, readings.size());
        return store(patientId, readings);
    }

    private IngestResult store(UUID patientId, List<Reading> readings) {
        patients.requireActive(patientId);
        // Copies of one reading inside a batch count once; the first copy is the one stored.
        Map<String, Reading> unique = new LinkedHashMap<>();
        readings.forEach(r -> unique.putIfAbsent(r.readingId(), r));
        Set<String> claimed = repository.claimKeys(patientId, List.copyOf(unique.values()));
        List<Reading> fresh = new ArrayList<>();
        List<String> repeats = new ArrayList<>();
        unique.forEach((id, reading) -> {
            if (claimed.contains(id)) {
                fresh.add(reading);
            } else {
                repeats.add(id);
            }
        });
        repository.insert(fresh);
        events.recorded(fresh);
        Map<String, Reading> stored = new LinkedHashMap<>();
        fresh.forEach(r -> stored.put(r.readingId(), r));
        repository.findByKeys(patientId, repeats).forEach(r -> stored.put(r.readingId(), r));
        AfterCommit.run(() -> {
            if (!fresh.isEmpty()) {
                latest.merge(patientId, fresh);
            }
            storedReadings.increment(fresh.size());
            repeatedReadings.increment(repeats.size());
        });
        List<Reading> answer = readings.stream().map(r -> stored.getOrDefault(r.readingId(), r)).toList();
        return new IngestResult(answer, unmodifiableIds(fresh));
    }

    /** Deletes every reading of a patient (and their idempotency keys and cached latest values). */
    @Transactional
    public int deleteAll(UUID patientId) {
        int deleted = repository.deleteAll(patientId);
        AfterCommit.run(() -> latest.evict(patientId));
        return deleted;
    }

    private static Set<String> unmodifiableIds(List<Reading> readings) {
        Set<String> ids = new java.util.LinkedHashSet<>();
        readings.forEach(r -> ids.add(r.readingId()));
        return java.util.Collections.unmodifiableSet(ids);
    }

    private static Counter ingested(MeterRegistry meters, String outcome) {
        return Counter.builder("hhms.readings.ingested").tag("outcome", outcome)
                .description("Readings accepted, by whether they were new or a resend of one already stored")
                .register(meters);
    }
}
