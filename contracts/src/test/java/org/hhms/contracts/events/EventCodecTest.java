package org.hhms.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hhms.contracts.alarms.AnomalyKind;
import org.hhms.contracts.alarms.Severity;
import org.hhms.contracts.vitals.VitalMetric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The wire format of docs/events.md, as producers write it and consumers read it. */
class EventCodecTest {

    private final EventCodec codec = new EventCodec();
    private final UUID patient = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
    private final Instant at = Instant.parse("2026-11-30T10:15:00Z");

    @Test
    void aReadingIsWrittenInSnakeCaseWithOnlyTheMetricsItCarries() {
        VitalRecorded reading = VitalRecorded.of(patient, "r-1", at, at, "watch-1",
                Map.of(VitalMetric.HEART_RATE, 72.0, VitalMetric.SPO2, 97.0), null, null);
        String text = codec.encode(EventEnvelope.of(EventType.VITAL_RECORDED, reading, at, "trace-1"));

        assertThat(text).contains("\"type\":\"vital.recorded\"", "\"patient_id\":\"" + patient + "\"",
                "\"heart_rate\":72.0", "\"spo2\":97.0", "\"trace_id\":\"trace-1\"", "\"recorded_at\":\"2026-11-30T10:15:00Z\"");
        assertThat(text).doesNotContain("temperature", "on_oxygen", "null");
        EventEnvelope<EventPayload> back = codec.decode(text).orElseThrow();
        assertThat(back.type()).isEqualTo(EventType.VITAL_RECORDED);
        assertThat(back.data()).isEqualTo(reading);
        assertThat(((VitalRecorded) back.data()).metrics()).containsOnlyKeys(VitalMetric.HEART_RATE, VitalMetric.SPO2);
    }

    @Test
    void anAnomalyKeepsItsSeverityAndKindByName() {
        AnomalyDetected anomaly = new AnomalyDetected(UUID.randomUUID(), patient, AnomalyKind.NEWS2, null, 7.0,
                Severity.CRITICAL, "news2_emergency", "NEWS2 7", "r-2", at, null, patient + ":news2", null, 7, false,
                List.of(), null);
        String text = codec.encode(EventEnvelope.of(EventType.ANOMALY_DETECTED, anomaly, at, null));

        assertThat(text).contains("\"severity\":\"critical\"", "\"kind\":\"news2\"", "\"news2_score\":7");
        assertThat(codec.decode(text).orElseThrow().data()).isEqualTo(anomaly);
    }

    @Test
    void aKindANewerAnalyticsSendsIsReadAsUnknownNotRefused() {
        String text = "{\"event_id\":\"" + UUID.randomUUID() + "\",\"type\":\"anomaly.detected\",\"data\":"
                + "{\"patient_id\":\"" + patient + "\",\"kind\":\"arrhythmia\",\"severity\":\"warning\","
                + "\"condition_key\":\"k\",\"a_field_from_the_future\":1}}";

        AnomalyDetected anomaly = (AnomalyDetected) codec.decode(text).orElseThrow().data();
        assertThat(anomaly.kind()).isNull();
        assertThat(anomaly.severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void aTypeThisVersionDoesNotKnowIsSkipped() {
        assertThat(codec.decode("{\"type\":\"device.paired\",\"data\":{}}")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "{not json", "[]", "{\"type\":\"vital.recorded\"}", "{\"type\":7,\"data\":{}}",
            "{\"type\":\"vital.recorded\",\"data\":{\"recorded_at\":\"yesterday\"}}",
            "{\"type\":\"anomaly.detected\",\"data\":{\"severity\":\"dire\"}}" })
    void anythingElseIsRefusedForTheDeadLetters(String text) {
        assertThatThrownBy(() -> codec.decode(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEnvelopeCannotCarryAnotherTypesPayload() {
        assertThatThrownBy(() -> EventEnvelope.of(EventType.USER_UPDATED, new CareTeamChanged(patient, List.of()), at,
                null)).isInstanceOf(IllegalArgumentException.class);
    }
}
