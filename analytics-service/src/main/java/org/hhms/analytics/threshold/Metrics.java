package org.hhms.analytics.threshold;

import java.util.List;

import org.hhms.common.web.ApiProblem;

/** The eight vital-sign metrics of HHMS, as named in readings and thresholds. */
public final class Metrics {

    public static final List<String> ALL = List.of("heart_rate", "spo2", "respiratory_rate", "systolic_bp",
            "diastolic_bp", "temperature", "glucose", "weight_kg");

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
}
