package org.hhms.vitals.reading;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.PreDestroy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

import org.hhms.contracts.TraceIds;
import org.hhms.vitals.config.VitalsProperties;
import org.hhms.vitals.limit.AnalysisLag;
import org.hhms.vitals.limit.ReadingRateLimit;
import org.hhms.vitals.patients.KnownPatients;
import org.hhms.web.AfterCommit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes readings from devices: validates them, stores each exactly once, and records its vital.recorded event in
 * the same transaction. A retry of a stored reading answers what was stored. Single readings sent at the same time
 * are written together ({@link GroupCommit}): one statement per table and one commit for all that arrived while
 * the previous group was being written, each request still answered for its own reading.
 */
@Service
public class ReadingService {

    /** The name of the group commit's transactions and writer threads. */
    public static final String GROUP_COMMIT = "reading-group-commit";
    /** The most single readings written in one transaction. */
    private static final int MAX_GROUP = 256;

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
    private final GroupCommit<Traced, IngestResult> singles;

    public ReadingService(ReadingRepository repository, KnownPatients patients, VitalsEvents events,
            LatestReadingCache latest, VitalsProperties properties, Clock clock, ReadingRateLimit limit,
            AnalysisLag lag, MeterRegistry meters, TransactionTemplate transactions) {
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
        DistributionSummary groups = DistributionSummary.builder("hhms.readings.group_commit")
                .description("Single readings written per transaction (concurrent requests are written together)")
                .register(meters);
        TransactionTemplate named = new TransactionTemplate(transactions.getTransactionManager(), transactions);
        named.setName(GROUP_COMMIT);
        this.singles = new GroupCommit<>(GROUP_COMMIT, named, this::storeSingles, MAX_GROUP, 2, groups::record);
    }

    /** One reading from {@code caller} (its device or person id, for the ingest limit), written with its peers. */
    public IngestResult ingest(UUID patientId, ReadingRequest request, String caller) {
        Reading reading = validator.validate(patientId, request);
        lag.admit();
        limit.take(caller, 1);
        patients.requireActive(patientId);
        return singles.submit(new Traced(reading, TraceIds.current()));
    }

    /** A batch from {@code caller}: validated whole, counted against the limit reading by reading. */
    @Transactional
    public IngestResult ingestBatch(UUID patientId, List<ReadingRequest> requests, String caller) {
        List<Reading> readings = validator.validateBatch(patientId, requests, properties.maxBatch());
        lag.admit();
        limit.take(caller, readings.size());
        patients.requireActive(patientId);
        String traceId = TraceIds.current();
        Stored stored = storeAll(readings.stream().map(r -> new Traced(r, traceId)).toList());
        return new IngestResult(readings.stream().map(r -> stored.readings().get(ReadingKey.of(r))).toList(),
                stored.freshIds(readings));
    }

    @PreDestroy
    void stopWriting() {
        singles.stop();
    }

    /** A group of single readings, in one transaction: each answered as if it had been sent alone. */
    private List<IngestResult> storeSingles(List<Traced> group) {
        Stored stored = storeAll(group);
        Set<ReadingKey> answered = new HashSet<>();
        return group.stream().map(single -> {
            ReadingKey key = ReadingKey.of(single.reading());
            // A reading sent twice in one group is new for its first request only, like a copy inside a batch.
            boolean created = stored.fresh().contains(key) && answered.add(key);
            return new IngestResult(List.of(stored.readings().get(key)),
                    created ? Set.of(key.readingId()) : Set.of());
        }).toList();
    }

    /**
     * Stores readings of any patients in the current transaction, each key once (its first copy), and returns every
     * key's reading as stored (new, or the one an earlier request stored) and the keys stored now.
     */
    private Stored storeAll(List<Traced> readings) {
        Map<ReadingKey, Traced> unique = new LinkedHashMap<>();
        readings.forEach(r -> unique.putIfAbsent(ReadingKey.of(r.reading()), r));
        Set<ReadingKey> claimed = repository.claimKeys(unique.values().stream().map(Traced::reading).toList());
        List<Reading> fresh = new ArrayList<>();
        List<String> freshTraces = new ArrayList<>();
        Map<UUID, List<String>> repeats = new LinkedHashMap<>();
        unique.forEach((key, sent) -> {
            if (claimed.contains(key)) {
                fresh.add(sent.reading());
                freshTraces.add(sent.traceId());
            } else {
                repeats.computeIfAbsent(key.patientId(), p -> new ArrayList<>()).add(key.readingId());
            }
        });
        repository.insert(fresh);
        events.recorded(fresh, freshTraces);
        Map<ReadingKey, Reading> stored = new HashMap<>();
        fresh.forEach(r -> stored.put(ReadingKey.of(r), r));
        repeats.forEach((patientId, ids) -> repository.findByKeys(patientId, ids)
                .forEach(r -> stored.put(ReadingKey.of(r), r)));
        int repeated = unique.size() - fresh.size();
        AfterCommit.run(() -> {
            Map<UUID, List<Reading>> byPatient = new LinkedHashMap<>();
            fresh.forEach(r -> byPatient.computeIfAbsent(r.patientId(), p -> new ArrayList<>()).add(r));
            byPatient.forEach(latest::merge);
            storedReadings.increment(fresh.size());
            repeatedReadings.increment(repeated);
        });
        unique.forEach((key, sent) -> stored.putIfAbsent(key, sent.reading()));
        return new Stored(stored, claimed);
    }

    /** A reading and the trace id of the request that sent it. */
    private record Traced(Reading reading, String traceId) {
    }

    /** Every key's reading as stored, and the keys stored by this transaction. */
    private record Stored(Map<ReadingKey, Reading> readings, Set<ReadingKey> fresh) {

        /** The ids of these readings that were stored now, each once. */
        Set<String> freshIds(List<Reading> sent) {
            Set<String> ids = new LinkedHashSet<>();
            sent.forEach(r -> {
                if (fresh.contains(ReadingKey.of(r))) {
                    ids.add(r.readingId());
                }
            });
            return Collections.unmodifiableSet(ids);
        }
    }

    /** Deletes every reading of a patient (and their idempotency keys and cached latest values). */
    @Transactional
    public int deleteAll(UUID patientId) {
        int deleted = repository.deleteAll(patientId);
        AfterCommit.run(() -> latest.evict(patientId));
        return deleted;
    }

    private static Counter ingested(MeterRegistry meters, String outcome) {
        return Counter.builder("hhms.readings.ingested").tag("outcome", outcome)
                .description("Readings accepted, by whether they were new or a resend of one already stored")
                .register(meters);
    }
}
