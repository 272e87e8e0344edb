package org.hhms.analytics.threshold;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.hhms.contracts.alarms.Severity;

/**
 * The effective range of one metric for one patient, and how a value is judged against it (strict, as HHMS: a
 * value equal to a bound is normal). A breach "far" outside the range is critical: beyond the bound by more than
 * 20% of the range's width, or of the bound itself when the range is open on one side. {@code persist}: how long a
 * breach must last before it pages, when the patient's care plan says (null: the clinical default).
 */
public record ThresholdRule(String metric, Double min, Double max, UUID thresholdId, Duration persist) {

    public ThresholdRule(String metric, Double min, Double max, UUID thresholdId) {
        this(metric, min, max, thresholdId, null);
    }

    static final double FAR = 0.20;
    static final double CLEAR_MARGIN = 0.05;
    static final double CLEAR_MARGIN_ONE_SIDED = 0.02;

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

    /**
     * Whether a value clears an open breach: back inside the range by a margin (5 % of the range's width, or 2 % of
     * the bound when the range is open on one side), so a value wavering around a bound (SpO2 89, 90, 89 …) keeps
     * one alert open instead of clearing and paging again each time it crosses.
     */
    public boolean clears(double value) {
        double margin = min != null && max != null ? CLEAR_MARGIN * (max - min)
                : CLEAR_MARGIN_ONE_SIDED * Math.abs(min != null ? min : max);
        return (min == null || value >= min + margin) && (max == null || value <= max - margin);
    }

    private Severity severity(double deviation) {
        double scale = min != null && max != null ? max - min : Math.abs(min != null ? min : max);
        return deviation > FAR * scale ? Severity.CRITICAL : Severity.WARNING;
    }

    /**
     * The bound that applies to a patient: none when their care plan switched it off, else their own, else the
     * clinical default (which may be none too).
     */
    public static Double effective(Double own, boolean off, Double fallback) {
        return off ? null : own != null ? own : fallback;
    }

    /** A value as HHMS descriptions show it: {@code 160}, not {@code 160.0}; {@code 37.2} stays. */
    public static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value)
                : String.valueOf(value);
    }

    /** Which bound was crossed, the limit, the severity and the HHMS-style description. */
    public record Breach(String bound, double limit, Severity severity, String description) {
    }
}
