package org.hhms.analytics.stream;

import org.hhms.analytics.evaluation.VitalEvaluator;
import org.hhms.analytics.evaluation.VitalReading;
import org.hhms.contracts.events.EventEnvelope;
import org.hhms.contracts.events.EventPayload;
import org.hhms.contracts.events.VitalRecorded;
import org.hhms.messaging.stream.EventHandler;
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

    public VitalEventHandler(VitalEvaluator evaluator, JudgedReadings judged) {
        this.evaluator = evaluator;
        this.judged = judged;
    }

    @Override
    @Transactional
    public void handle(EventEnvelope<EventPayload> event) {
        if (event.data() instanceof VitalRecorded recorded && judged.claim(recorded.patientId(), recorded.readingId())) {
            evaluator.evaluate(VitalReading.of(recorded, event.traceId()));
        }
    }
}
