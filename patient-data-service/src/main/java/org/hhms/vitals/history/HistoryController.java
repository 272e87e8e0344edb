package org.hhms.vitals.history;

import java.util.List;
import java.util.UUID;

import org.hhms.contracts.vitals.VitalMetric;
import org.hhms.security.PatientAccess;
import org.hhms.security.PatientAccess.Relation;
import org.hhms.vitals.config.VitalsProperties;
import org.hhms.vitals.patients.KnownPatients;
import org.hhms.vitals.reading.Reading;
import org.hhms.vitals.reading.ReadingRepository;
import org.hhms.vitals.reading.ReadingResponse;
import org.hhms.web.ApiProblem;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reading back a patient's past: one metric's history, whole readings (telemetry), hourly and daily figures. */
@RestController
@RequestMapping("/patient/{patientId}")
public class HistoryController {

    /** A patient's history is read by the patient and their doctors (caretakers see the latest values only). */
    private static final Relation[] READERS = { Relation.SELF, Relation.DOCTOR };

    private final ReadingRepository readings;
    private final AggregateRepository aggregates;
    private final KnownPatients patients;
    private final VitalsProperties properties;
    private final PatientAccess access;

    public HistoryController(ReadingRepository readings, AggregateRepository aggregates, KnownPatients patients,
            VitalsProperties properties, PatientAccess access) {
        this.readings = readings;
        this.aggregates = aggregates;
        this.patients = patients;
        this.properties = properties;
        this.access = access;
    }

    /** {@code [{"timestamp","value"}]} of one metric, oldest first, both bounds inclusive. */
    @GetMapping("/history")
    public List<HistoryPoint> history(@PathVariable UUID patientId,
            @RequestParam(name = "start_time", required = false) String startTime,
            @RequestParam(name = "end_time", required = false) String endTime,
            @RequestParam(name = "metric_type", required = false) String metricType) {
        access.require(patientId, READERS);
        VitalMetric metric = metric("metric_type", metricType, true);
        TimeRange range = TimeRange.parse(startTime, endTime, properties.historyMaxRange());
        patients.requireActive(patientId);
        return capped(readings.findBetween(patientId, range.start(), range.end(), metric,
                properties.historyMaxPoints() + 1)).stream()
                .map(r -> new HistoryPoint(r.recordedAt(), r.value(metric)))
                .toList();
    }

    /** Whole readings in the range, oldest first; with {@code metric_type}, only readings carrying it. */
    @GetMapping("/history/telemetry")
    public List<ReadingResponse> telemetry(@PathVariable UUID patientId,
            @RequestParam(name = "start_time", required = false) String startTime,
            @RequestParam(name = "end_time", required = false) String endTime,
            @RequestParam(name = "metric_type", required = false) String metricType) {
        access.require(patientId, READERS);
        VitalMetric metric = metric("metric_type", metricType, false);
        TimeRange range = TimeRange.parse(startTime, endTime, properties.historyMaxRange());
        patients.requireActive(patientId);
        return capped(readings.findBetween(patientId, range.start(), range.end(), metric,
                properties.historyMaxPoints() + 1)).stream().map(ReadingResponse::of).toList();
    }

    /** {@code [{"bucket_start","min","max","avg","count"}]} per UTC hour ({@code 1h}) or day ({@code 1d}). */
    @GetMapping("/aggregates")
    public List<AggregateBucket> aggregates(@PathVariable UUID patientId,
            @RequestParam(name = "metric", required = false) String metricName,
            @RequestParam(name = "bucket", defaultValue = "1h") String bucket,
            @RequestParam(name = "start_time", required = false) String startTime,
            @RequestParam(name = "end_time", required = false) String endTime) {
        access.require(patientId, READERS);
        VitalMetric metric = metric("metric", metricName, true);
        String unit = switch (bucket) {
            case "1h" -> "hour";
            case "1d" -> "day";
            default -> throw ApiProblem.invalidField("bucket", "must be 1h or 1d, got '" + bucket + "'");
        };
        TimeRange range = TimeRange.parse(startTime, endTime, properties.historyMaxRange());
        patients.requireActive(patientId);
        return aggregates.buckets(patientId, metric, unit, range);
    }

    private List<Reading> capped(List<Reading> found) {
        if (found.size() > properties.historyMaxPoints()) {
            throw ApiProblem.badRequest("More than " + properties.historyMaxPoints()
                    + " readings in this range; ask for a narrower range");
        }
        return found;
    }

    private static VitalMetric metric(String parameter, String name, boolean required) {
        if (name == null || name.isBlank()) {
            if (required) {
                throw ApiProblem.invalidField(parameter, "is required: one of " + VitalMetric.allowed());
            }
            return null;
        }
        return VitalMetric.fromJson(name.trim()).orElseThrow(() -> ApiProblem.invalidField(parameter,
                "unsupported metric '" + name + "'; one of " + VitalMetric.allowed()));
    }
}
