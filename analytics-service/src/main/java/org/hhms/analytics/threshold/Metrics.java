package org.hhms.analytics.threshold;

import java.util.List;
import java.util.Map;

import org.hhms.web.ApiProblem;

/** The eight vital-sign metrics of HHMS, as named in readings and thresholds. */
public final class Metrics {

    public static final List<String> ALL = List.of("heart_rate", "spo2", "respiratory_rate", "systolic_bp",
            "diastolic_bp", "temperature", "glucose", "weight_kg");

    /**
     * What a device may report for each metric (the patient-data-service's ranges, docs/vitals.md): a threshold
     * outside it could never be crossed, so it would switch the alarm off without saying so.
     */
    private static final Map<String, double[]> REPORTABLE = Map.of(
            "heart_rate", new double[] { 0, 300 }, "spo2", new double[] { 50, 100 },
            "respiratory_rate", new double[] { 5, 60 }, "systolic_bp", new double[] { 70, 250 },
            "diastolic_bp", new double[] { 40, 150 }, "temperature", new double[] { 35.0, 42.0 },
            "glucose", new double[] { 20, 600 }, "weight_kg", new double[] { 20, 300 });

    private Metrics() {
    }

    /** The metric, or a 400 naming the field and the allowed values. */
    public static String require(String field, String metric) {
        if (metric == null || !ALL.contains(metric.trim())) {
            throw ApiProblem.invalidField(field, "unsupported metric '" + metric + "'; one of "
                    + String.join(", ", ALL));
        }
        return metric.trim();
    }

    /** A threshold bound within what devices report for the metric, or a 400 naming the field. */
    public static void requireReportable(String field, String metric, Double bound) {
        double[] range = REPORTABLE.get(metric);
        if (bound != null && (!Double.isFinite(bound) || bound < range[0] || bound > range[1])) {
            throw ApiProblem.invalidField(field, "must be between " + ThresholdRule.format(range[0]) + " and "
                    + ThresholdRule.format(range[1]) + " for " + metric + " (what a device can report), got " + bound);
        }
    }
}
