package org.hhms.vitals.stream;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hhms.messaging.outbox.Outbox;
import org.hhms.web.RequestIdFilter;
import org.hhms.vitals.reading.Metric;
import org.hhms.vitals.reading.Reading;
import org.springframework.stereotype.Component;

/**
 * Writes a {@code vital.recorded} event per stored reading into the outbox, in the transaction that stores the
 * readings: a reading acknowledged to the device always has its event, even if Redis fails after the commit.
 */
@Component
public class VitalsEvents {

    public static final String STREAM = "hhms:vitals";

    private final Outbox outbox;

    public VitalsEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public void recorded(List<Reading> readings) {
        outbox.appendAll(STREAM, "vital.recorded", readings.stream().map(VitalsEvents::data).toList(),
                RequestIdFilter.current());
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
