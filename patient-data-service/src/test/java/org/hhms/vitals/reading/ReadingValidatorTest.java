package org.hhms.vitals.reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import org.hhms.contracts.vitals.VitalMetric;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hhms.web.ApiProblem;
import org.hhms.web.FieldProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReadingValidatorTest {

    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    static final UUID PATIENT = UUID.fromString("11111111-2222-4333-8444-555555555555");
    final ReadingValidator validator = new ReadingValidator(Clock.fixed(NOW, ZoneOffset.UTC),
            java.time.Duration.ofDays(365));

    @ParameterizedTest(name = "{0} = {1} accepted: {2}")
    @CsvSource({
            "heart_rate, 0, false", "heart_rate, 0.1, true", "heart_rate, 299.9, true", "heart_rate, 300, false",
            "spo2, 49.9, false", "spo2, 50, true", "spo2, 100, true", "spo2, 100.1, false",
            "respiratory_rate, 4.9, false", "respiratory_rate, 5, true", "respiratory_rate, 60, true",
            "respiratory_rate, 60.1, false",
            "temperature, 34.9, false", "temperature, 35.0, true", "temperature, 42.0, true",
            "temperature, 42.1, false",
            "glucose, 19, false", "glucose, 20, true", "glucose, 600, true", "glucose, 601, false",
            "weight_kg, 19.9, false", "weight_kg, 20, true", "weight_kg, 300, true", "weight_kg, 300.5, false" })
    void everyRangeBoundary(String metric, double value, boolean accepted) {
        ReadingRequest request = request(Map.of(metric, value));
        if (accepted) {
            assertThat(validator.validate(PATIENT, request).value(VitalMetric.fromJson(metric).orElseThrow()))
                    .isEqualTo(value);
        } else {
            assertThat(problems(() -> validator.validate(PATIENT, request)))
                    .singleElement().satisfies(p -> {
                        assertThat(p.field()).isEqualTo(metric);
                        assertThat(p.message()).contains("must be").contains(String.valueOf(value));
                    });
        }
    }

    @ParameterizedTest(name = "systolic {0} diastolic {1} accepted: {2}")
    @CsvSource({ "69, 80, false", "70, 40, true", "250, 150, true", "251, 80, false", "120, 39, false",
            "120, 151, false" })
    void bloodPressureBoundaries(double systolic, double diastolic, boolean accepted) {
        ReadingRequest request = request(Map.of("systolic_bp", systolic, "diastolic_bp", diastolic));
        if (accepted) {
            assertThat(validator.validate(PATIENT, request).values()).hasSize(2);
        } else {
            assertThat(problems(() -> validator.validate(PATIENT, request))).hasSize(1);
        }
    }

    @Test
    void systolicAndDiastolicComeTogether() {
        assertThat(problems(() -> validator.validate(PATIENT, request(Map.of("systolic_bp", 120.0)))))
                .extracting(FieldProblem::field).containsExactly("diastolic_bp");
        assertThat(problems(() -> validator.validate(PATIENT, request(Map.of("diastolic_bp", 80.0)))))
                .extracting(FieldProblem::field).containsExactly("systolic_bp");
    }

    @Test
    void aReadingMustCarryAMetric() {
        assertThat(problems(() -> validator.validate(PATIENT, request(Map.of()))))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("at least one metric"));
    }

    @Test
    void everyProblemOfAReadingIsListed() {
        ReadingRequest request = new ReadingRequest("yesterday", 400.0, 20.0, null, 120.0, null, null, null, null,
                null, null, null, null);
        assertThat(problems(() -> validator.validate(PATIENT, request))).extracting(FieldProblem::field)
                .containsExactlyInAnyOrder("heart_rate", "spo2", "diastolic_bp", "timestamp");
    }

    @ParameterizedTest
    @CsvSource({ "2026-11-23T10:00:00Z, 2026-11-23T10:00:00Z", "2026-11-23T10:00:00, 2026-11-23T10:00:00Z",
            "2026-11-23T11:00:00+01:00, 2026-11-23T10:00:00Z", "2026-11-23T12:04:00Z, 2026-11-23T12:04:00Z" })
    void timestampsWithoutOffsetAreUtc(String timestamp, Instant expected) {
        assertThat(validator.validate(PATIENT, new ReadingRequest(timestamp, 70.0, null, null, null, null, null,
                null, null, null, null, null, null)).recordedAt()).isEqualTo(expected);
    }

    @Test
    void aTimestampBeyondTheClockSkewIsRejected() {
        assertThat(problems(() -> validator.validate(PATIENT, new ReadingRequest("2026-11-23T12:06:00Z", 70.0,
                null, null, null, null, null, null, null, null, null, null, null))))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("future"));
    }

    @Test
    void withoutATimestampTheReadingIsTakenNow() {
        assertThat(validator.validate(PATIENT, request(Map.of("heart_rate", 70.0))).recordedAt()).isEqualTo(NOW);
    }

    @Test
    void theDerivedIdIsTheSameForARetryAndDiffersForAnotherReading() {
        ReadingRequest first = new ReadingRequest("2026-11-23T10:00:00Z", 70.0, 98.0, null, null, null, null, null,
                null, null, null, null, null);
        ReadingRequest retry = new ReadingRequest("2026-11-23T10:00:00Z", 70.0, 98.0, null, null, null, null, null,
                null, null, null, null, null);
        ReadingRequest otherMetrics = new ReadingRequest("2026-11-23T10:00:00Z", 70.0, null, null, null, null,
                null, null, null, null, null, null, null);
        String id = validator.validate(PATIENT, first).readingId();
        assertThat(id).startsWith("auto-");
        assertThat(validator.validate(PATIENT, retry).readingId()).isEqualTo(id);
        assertThat(validator.validate(PATIENT, otherMetrics).readingId()).isNotEqualTo(id);
        assertThat(validator.validate(UUID.randomUUID(), first).readingId()).isNotEqualTo(id);
    }

    @Test
    void aReadingThatDiffersInAnyValueOrDeviceIsAnotherReading() {
        String id = validator.validate(PATIENT, new ReadingRequest("2026-11-23T10:00:00Z", 70.0, 98.0, null, null,
                null, null, null, null, null, "watch-1", null, null)).readingId();
        ReadingRequest corrected = new ReadingRequest("2026-11-23T10:00:00Z", 75.0, 98.0, null, null, null, null,
                null, null, null, "watch-1", null, null);
        ReadingRequest otherDevice = new ReadingRequest("2026-11-23T10:00:00Z", 70.0, 98.0, null, null, null, null,
                null, null, null, "watch-2", null, null);
        ReadingRequest onOxygen = new ReadingRequest("2026-11-23T10:00:00Z", 70.0, 98.0, null, null, null, null,
                null, null, null, "watch-1", true, null);
        ReadingRequest confused = new ReadingRequest("2026-11-23T10:00:00Z", 70.0, 98.0, null, null, null, null,
                null, null, null, "watch-1", null, Consciousness.CONFUSION);
        assertThat(List.of(corrected, otherDevice, onOxygen, confused))
                .extracting(r -> validator.validate(PATIENT, r).readingId())
                .doesNotContain(id).doesNotHaveDuplicates();
    }

    @Test
    void aBatchNamesProblemsByIndexAndRejectsEmptyAndOversizedBatches() {
        List<ReadingRequest> batch = List.of(request(Map.of("heart_rate", 70.0)), request(Map.of("spo2", 10.0)),
                request(Map.of("systolic_bp", 120.0)));
        assertThat(problems(() -> validator.validateBatch(PATIENT, batch, 10))).extracting(FieldProblem::field)
                .containsExactly("readings[1].spo2", "readings[2].diastolic_bp");
        assertThat(problems(() -> validator.validateBatch(PATIENT, List.of(), 10))).extracting(FieldProblem::field)
                .containsExactly("readings");
        assertThat(problems(() -> validator.validateBatch(PATIENT, batch, 2)))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("at most 2"));
    }

    private static ReadingRequest request(Map<String, Double> values) {
        return new ReadingRequest(null, values.get("heart_rate"), values.get("spo2"), values.get("respiratory_rate"),
                values.get("systolic_bp"), values.get("diastolic_bp"), values.get("temperature"),
                values.get("glucose"), values.get("weight_kg"), null, null, null, null);
    }

    @SuppressWarnings("unchecked")
    private static List<FieldProblem> problems(Runnable call) {
        ApiProblem[] thrown = new ApiProblem[1];
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiProblem.class, p -> thrown[0] = p);
        return (List<FieldProblem>) thrown[0].getBody().getProperties().get("errors");
    }
}
