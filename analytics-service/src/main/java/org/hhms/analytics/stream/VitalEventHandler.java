package org.hhms.analytics.stream;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

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
 * Has each {@code vital.recorded} judged, once per reading (a repeat of the event changes nothing). Other event
 * types are ignored.
 */
@Component
public class VitalEventHandler implements EventHandler {

    private final VitalEvaluator evaluator;
    private final JudgedReadings judged;
    private final Clock clock;
    private final Timer receivedToJudged;

    public VitalEventHandler(VitalEvaluator evaluator, JudgedReadings judged, Clock clock, MeterRegistry meters) {
        this.evaluator = evaluator;
        this.judged = judged;
        this.clock = clock;
        // How late alarms are: from a reading's arrival at ingest to its judgement (docs/operations.md, "Metrics").
        this.receivedToJudged = Timer.builder("hhms.pipeline.delay").tag("stage", "received_to_judged")
                .description("From a reading's arrival at the patient-data-service to its judgement here")
                .publishPercentileHistogram().register(meters);
    }

    @Override
    @Transactional
    public void handle(EventEnvelope<EventPayload> event) {
        if (event.data() instanceof VitalRecorded recorded && judged.claim(recorded.patientId(), recorded.readingId())) {
            evaluator.evaluate(VitalReading.of(recorded, event.traceId()));
            if (recorded.receivedAt() != null) {
                Duration delay = Duration.between(recorded.receivedAt(), clock.instant());
                AfterCommit.run(() -> receivedToJudged.record(delay));
            }
        }
    }
}
