package org.hhms.analytics.careplan;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hhms.analytics.config.AnalyticsProperties;
import org.hhms.analytics.config.AnalyticsProperties.Bounds;
import org.hhms.analytics.news2.News2StateRepository;
import org.hhms.analytics.threshold.Metrics;
import org.hhms.analytics.threshold.Threshold;
import org.hhms.analytics.threshold.ThresholdRepository;
import org.hhms.analytics.threshold.ThresholdRule;
import org.hhms.web.ApiProblem;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;

/**
 * A patient's care plan (docs/analytics.md): per metric, move a default bound, switch it off, or choose how long a
 * breach must persist before it pages; and the NEWS2 SpO2 scale. Every change is recorded with who and why, in the
 * transaction that makes it; a refused change changes nothing.
 */
@Service
public class CarePlanService {

    static final int MAX_PERSIST_SECONDS = 3600;
    static final int MAX_REASON = 500;
    private static final int HISTORY = 20;

    private final ThresholdRepository thresholds;
    private final News2StateRepository news2;
    private final CarePlanChanges changes;
    private final AnalyticsProperties properties;
    private final Clock clock;

    public CarePlanService(ThresholdRepository thresholds, News2StateRepository news2, CarePlanChanges changes,
            AnalyticsProperties properties, Clock clock) {
        this.thresholds = thresholds;
        this.news2 = news2;
        this.changes = changes;
        this.properties = properties;
        this.clock = clock;
    }

    /** One bound as the plan will hold it: the patient's value, or switched off, or neither (the default). */
    private record Bound(Double value, boolean off) {
    }

    /** Applies the change (all of it or nothing) and answers the plan as it now applies. */
    @Transactional
    public CarePlan change(UUID patientId, CarePlanRequest request, UUID changedBy, String change) {
        String reason = request.reason() == null ? "" : request.reason().strip();
        if (reason.isEmpty() || reason.length() > MAX_REASON) {
            throw ApiProblem.invalidField("reason", "is required (at most " + MAX_REASON + " characters): say why "
                    + "the plan changes; the care team sees it");
        }
        if (request.spo2Scale() != null && request.spo2Scale() != 1 && request.spo2Scale() != 2) {
            throw ApiProblem.invalidField("spo2_scale", "must be 1 or 2");
        }
        Map<String, CarePlanRequest.MetricPlan> metrics = request.metrics() == null ? Map.of() : request.metrics();
        if (metrics.isEmpty() && request.spo2Scale() == null) {
            throw ApiProblem.badRequest("Nothing to change: give spo2_scale or metrics");
        }
        var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        metrics.forEach((name, plan) -> {
            String field = "metrics." + name;
            String metric = Metrics.require(field, name);
            if (plan == null) {
                throw ApiProblem.invalidField(field, "must be an object of min, max and confirm_after_seconds");
            }
            Threshold current = thresholds.find(patientId, metric).orElse(null);
            Bound min = bound(field + ".min", metric, plan.min(),
                    current == null ? new Bound(null, false) : new Bound(current.minValue(), current.minOff()));
            Bound max = bound(field + ".max", metric, plan.max(),
                    current == null ? new Bound(null, false) : new Bound(current.maxValue(), current.maxOff()));
            Integer persist = persist(field + ".confirm_after_seconds", plan.confirmAfterSeconds(),
                    current == null ? null : current.persistSeconds());
            Bounds fallback = properties.defaultsFor(metric);
            Double effectiveMin = ThresholdRule.effective(min.value(), min.off(), fallback.min());
            Double effectiveMax = ThresholdRule.effective(max.value(), max.off(), fallback.max());
            if (effectiveMin != null && effectiveMax != null && effectiveMin > effectiveMax) {
                throw ApiProblem.invalidField(field + ".min", "must not exceed max (" + effectiveMin + " > "
                        + effectiveMax + ")");
            }
            thresholds.savePlan(patientId, metric, min.value(), min.off(), max.value(), max.off(), persist, now);
        });
        if (request.spo2Scale() != null) {
            news2.setSpo2Scale(patientId, request.spo2Scale());
        }
        changes.record(patientId, changedBy, reason, change, now);
        return plan(patientId);
    }

    /** The plan as it applies now, with the latest changes. */
    public CarePlan plan(UUID patientId) {
        Map<String, Threshold> own = new HashMap<>();
        thresholds.forPatient(patientId).forEach(t -> own.put(t.metric(), t));
        List<CarePlan.MetricRule> rules = new ArrayList<>();
        for (String metric : Metrics.ALL) {
            Threshold t = own.get(metric);
            Bounds fallback = properties.defaultsFor(metric);
            boolean minOff = t != null && t.minOff();
            boolean maxOff = t != null && t.maxOff();
            Double ownMin = t == null ? null : t.minValue();
            Double ownMax = t == null ? null : t.maxValue();
            Duration persist = t != null && t.persistSeconds() != null ? Duration.ofSeconds(t.persistSeconds())
                    : properties.confirmation().persistFor(metric);
            rules.add(new CarePlan.MetricRule(metric,
                    ThresholdRule.effective(ownMin, minOff, fallback.min()), source(minOff, ownMin, fallback.min()),
                    ThresholdRule.effective(ownMax, maxOff, fallback.max()), source(maxOff, ownMax, fallback.max()),
                    fallback.min(), fallback.max(), persist.toSeconds(),
                    t != null && t.persistSeconds() != null ? "patient" : "default"));
        }
        return new CarePlan(patientId, news2.spo2Scale(patientId), rules, changes.latest(patientId, HISTORY));
    }

    private static String source(boolean off, Double own, Double fallback) {
        return off ? "off" : own != null ? "patient" : fallback != null ? "default" : "none";
    }

    /** A number (the patient's bound), "off", "default", or absent (unchanged). */
    private static Bound bound(String field, String metric, JsonNode node, Bound current) {
        if (node == null || node.isNull()) {
            return current;
        }
        if (node.isString() && node.asString().equals("off")) {
            return new Bound(null, true);
        }
        if (node.isString() && node.asString().equals("default")) {
            return new Bound(null, false);
        }
        if (!node.isNumber()) {
            throw ApiProblem.invalidField(field, "must be a number, \"off\" or \"default\"");
        }
        double value = node.doubleValue();
        Metrics.requireReportable(field, metric, value);
        return new Bound(value, false);
    }

    /** Seconds 0–3600, "default" (null), or absent (unchanged). */
    private static Integer persist(String field, JsonNode node, Integer current) {
        if (node == null || node.isNull()) {
            return current;
        }
        if (node.isString() && node.asString().equals("default")) {
            return null;
        }
        if (!node.isIntegralNumber() || node.longValue() < 0 || node.longValue() > MAX_PERSIST_SECONDS) {
            throw ApiProblem.invalidField(field, "must be whole seconds from 0 to " + MAX_PERSIST_SECONDS
                    + ", or \"default\"");
        }
        return node.intValue();
    }
}
