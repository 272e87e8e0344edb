package org.hhms.analytics.stream;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.hhms.analytics.evaluation.PatientLocks;
import org.hhms.analytics.evaluation.VitalEvaluator;
import org.hhms.analytics.evaluation.VitalReading;
import org.hhms.contracts.events.EventEnvelope;
import org.hhms.contracts.events.EventPayload;
import org.hhms.contracts.events.VitalRecorded;
import org.hhms.messaging.stream.EventHandler;
import org.hhms.web.AfterCommit;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Has each {@code vital.recorded} judged, once per reading (a repeat of the event changes nothing); the events of
 * one read are judged together ({@link VitalEvaluator#evaluate(List)}). Other event types are ignored.
 */
@Component
public class VitalEventHandler implements EventHandler {

    private final VitalEvaluator evaluator;
    private final JudgedReadings judged;
    private final PatientLocks locks;
    private final Clock clock;
    private final Timer receivedToJudged;

    public VitalEventHandler(VitalEvaluator evaluator, JudgedReadings judged, PatientLocks locks, Clock clock,
            MeterRegistry meters) {
        this.evaluator = evaluator;
        this.judged = judged;
        this.locks = locks;
        this.clock = clock;
        // How late alarms are: from a reading's arrival at ingest to its judgement (docs/operations.md, "Metrics").
        this.receivedToJudged = Timer.builder("hhms.pipeline.delay").tag("stage", "received_to_judged")
                .description("From a reading's arrival at the patient-data-service to its judgement here")
                .publishPercentileHistogram().register(meters);
    }

    @Override
    @Transactional
    public void handle(EventEnvelope<EventPayload> event) {
        handleAll(List.of(event));
    }

    @Override
    @Transactional
    public void handleAll(List<EventEnvelope<EventPayload>> events) {
        List<VitalReading> readings = new ArrayList<>(events.size());
        for (EventEnvelope<EventPayload> event : events) {
            if (event.data() instanceof VitalRecorded recorded) {
                readings.add(VitalReading.of(recorded, event.traceId()));
            }
        }
        if (readings.isEmpty()) {
            return;
        }
        // The patients' locks come before the claim: a claim's row locks taken first could wait, in a cycle, on a
        // batch that holds a lock of ours and waits for that same row.
        Set<UUID> patients = new LinkedHashSet<>();
        readings.forEach(r -> patients.add(r.patientId()));
        locks.lock(patients);
        List<VitalReading> unjudged = judged.claim(readings);
        evaluator.evaluate(unjudged);
        Instant now = clock.instant();
        List<Duration> delays = unjudged.stream().filter(r -> r.receivedAt() != null)
                .map(r -> Duration.between(r.receivedAt(), now)).toList();
        AfterCommit.run(() -> delays.forEach(receivedToJudged::record));
    }
}
