package org.hhms.analytics.threshold;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hhms.analytics.config.AnalyticsProperties;
import org.hhms.analytics.config.AnalyticsProperties.Bounds;
import org.hhms.web.ApiProblem;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Doctors' thresholds and the clinical defaults under them. */
@Service
public class ThresholdService {

    private final ThresholdRepository repository;
    private final AnalyticsProperties properties;
    private final Clock clock;

    public ThresholdService(ThresholdRepository repository, AnalyticsProperties properties, Clock clock) {
        this.clock = clock;
        this.repository = repository;
        this.properties = properties;
    }

    /** Upsert: an omitted bound keeps its old value; the result must have min ≤ max. */
    @Transactional
    public Threshold upsert(ThresholdRequest request) {
        String metric = Metrics.require("metric", request.metric());
        Metrics.requireReportable("min_value", metric, request.minValue());
        Metrics.requireReportable("max_value", metric, request.maxValue());
        Threshold current = repository.find(request.patientId(), metric).orElse(null);
        Double min = request.minValue() != null ? request.minValue() : current == null ? null : current.minValue();
        Double max = request.maxValue() != null ? request.maxValue() : current == null ? null : current.maxValue();
        if (min == null && max == null) {
            throw ApiProblem.badRequest("At least one of min_value and max_value is required");
        }
        if (min != null && max != null && min > max) {
            throw ApiProblem.invalidField("min_value", "must not exceed max_value (" + min + " > " + max + ")");
        }
        return repository.upsert(request.patientId(), metric, min, max,
                clock.instant().truncatedTo(ChronoUnit.MICROS));
    }

    public List<Threshold> forPatient(UUID patientId) {
        return repository.forPatient(patientId);
    }

    public Threshold find(UUID patientId, String metric) {
        String checked = Metrics.require("metric", metric);
        return repository.forPatient(patientId).stream().filter(t -> t.metric().equals(checked)).findFirst()
                .orElseThrow(() -> ApiProblem.notFound("No " + checked + " threshold for patient " + patientId));
    }

    /**
     * The rule per metric for a patient: each bound from the patient's threshold where set, else the clinical
     * default unless the care plan switched it off (a doctor raising the upper heart-rate bound does not switch off
     * the lower one), with the care plan's persistence.
     */
    public Map<String, ThresholdRule> rulesFor(UUID patientId) {
        return rulesFor(List.of(patientId)).get(patientId);
    }

    /** {@link #rulesFor(UUID)} of many patients, in one statement: every patient asked for has an entry. */
    public Map<UUID, Map<String, ThresholdRule>> rulesFor(Collection<UUID> patients) {
        Map<UUID, Map<String, Threshold>> own = new HashMap<>();
        repository.forPatients(patients).forEach(t -> own.computeIfAbsent(t.patientId(), p -> new HashMap<>())
                .put(t.metric(), t));
        Map<UUID, Map<String, ThresholdRule>> rules = new HashMap<>();
        for (UUID patient : patients) {
            rules.put(patient, rules(own.getOrDefault(patient, Map.of())));
        }
        return rules;
    }

    private Map<String, ThresholdRule> rules(Map<String, Threshold> own) {
        Map<String, ThresholdRule> rules = new HashMap<>();
        for (String metric : Metrics.ALL) {
            Threshold threshold = own.get(metric);
            Bounds fallback = properties.defaultsFor(metric);
            Double min = threshold == null ? fallback.min()
                    : ThresholdRule.effective(threshold.minValue(), threshold.minOff(), fallback.min());
            Double max = threshold == null ? fallback.max()
                    : ThresholdRule.effective(threshold.maxValue(), threshold.maxOff(), fallback.max());
            if (min != null || max != null) {
                Duration persist = threshold == null || threshold.persistSeconds() == null ? null
                        : Duration.ofSeconds(threshold.persistSeconds());
                rules.put(metric, new ThresholdRule(metric, min, max, threshold == null ? null : threshold.id(),
                        persist));
            }
        }
        return rules;
    }
}
