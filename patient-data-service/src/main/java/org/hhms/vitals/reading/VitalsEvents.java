package org.hhms.vitals.reading;

import java.util.List;

import org.hhms.contracts.events.EventType;
import org.hhms.contracts.events.VitalRecorded;
import org.hhms.messaging.outbox.Outbox;
import org.springframework.stereotype.Component;

/**
 * Writes a {@code vital.recorded} event per stored reading into the outbox, in the transaction that stores the
 * readings: a reading acknowledged to the device always has its event, even if Redis fails after the commit.
 */
@Component
public class VitalsEvents {

    private final Outbox outbox;

    public VitalsEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    /** The events of these stored readings, each traced to the request that sent it ({@code traceIds} in step). */
    public void recorded(List<Reading> readings, List<String> traceIds) {
        outbox.appendTraced(EventType.VITAL_RECORDED, readings.stream().map(VitalsEvents::event).toList(), traceIds);
    }

    /** The event of a stored reading: identity and times, then only the metrics the reading carries. */
    static VitalRecorded event(Reading reading) {
        return VitalRecorded.of(reading.patientId(), reading.readingId(), reading.recordedAt(), reading.receivedAt(),
                reading.deviceId(), reading.values(), reading.onOxygen(),
                reading.consciousness() == null ? null : reading.consciousness().json());
    }
}
