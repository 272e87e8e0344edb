package org.hhms.analytics.threshold;

import java.util.Arrays;
import java.util.List;

import org.hhms.contracts.vitals.VitalMetric;
import org.hhms.web.ApiProblem;

/** The metrics a threshold can be set for: the shared catalogue ({@link VitalMetric}), by JSON name. */
public final class Metrics {

    public static final List<String> ALL = Arrays.stream(VitalMetric.values()).map(VitalMetric::json).toList();

    private Metrics() {
    }

    /** The metric, or a 400 naming the field and the allowed values. */
    public static String require(String field, String metric) {
        return VitalMetric.fromJson(metric == null ? null : metric.trim()).map(VitalMetric::json)
                .orElseThrow(() -> ApiProblem.invalidField(field, "unsupported metric '" + metric + "'; one of "
                        + String.join(", ", ALL)));
    }

    /**
     * A threshold bound within what a device may report for the metric (the catalogue's range, docs/vitals.md), or
     * a 400 naming the field: a threshold outside it could never be crossed, so it would switch the alarm off
     * without saying so.
     */
    public static void requireReportable(String field, String metric, Double bound) {
        VitalMetric range = VitalMetric.fromJson(metric).orElseThrow();
        if (bound != null && (!Double.isFinite(bound) || bound < range.min() || bound > range.max())) {
            throw ApiProblem.invalidField(field, "must be between " + ThresholdRule.format(range.min()) + " and "
                    + ThresholdRule.format(range.max()) + " for " + metric + " (what a device can report), got "
                    + bound);
        }
    }
}
