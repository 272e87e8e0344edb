package org.hhms.analytics.threshold;

import java.util.Optional;

/**
 * The effective range of one metric for one patient, and how a value is judged against it (strict, as HHMS: a
 * value equal to a bound is normal). A breach "far" outside the range is critical: beyond the bound by more than
 * 20% of the range's width, or of the bound itself when the range is open on one side.
 */
public record ThresholdRule(String metric, Double min, Double max, java.util.UUID thresholdId) {

    static final double FAR = 0.20;

    public Optional<Breach> judge(double value) {
        if (min != null && value < min) {
            return Optional.of(new Breach("min", min, severity(min - value),
                    metric + " " + format(value) + " < min " + min));
        }
        if (max != null && value > max) {
            return Optional.of(new Breach("max", max, severity(value - max),
                    metric + " " + format(value) + " > max " + max));
        }
        return Optional.empty();
    }

    private String severity(double deviation) {
        double scale = min != null && max != null ? max - min : Math.abs(min != null ? min : max);
        return deviation > FAR * scale ? "critical" : "warning";
    }

    /** A value as HHMS descriptions show it: {@code 160}, not {@code 160.0}; {@code 37.2} stays. */
    public static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value)
                : String.valueOf(value);
    }

    /** Which bound was crossed, the limit, the severity and the HHMS-style description. */
    public record Breach(String bound, double limit, String severity, String description) {
    }
}
