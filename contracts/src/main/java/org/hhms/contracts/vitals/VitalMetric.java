package org.hhms.contracts.vitals;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The eight vital-sign metrics of HHMS — the catalogue every service and the simulator share — with their unit and
 * the range a device value must fall in (docs/vitals.md). The JSON name is also the readings column's name.
 */
public enum VitalMetric {
    HEART_RATE(0, 300, false, "bpm"),
    SPO2(50, 100, true, "%"),
    RESPIRATORY_RATE(5, 60, true, "/min"),
    SYSTOLIC_BP(70, 250, true, "mmHg"),
    DIASTOLIC_BP(40, 150, true, "mmHg"),
    TEMPERATURE(35.0, 42.0, true, "°C"),
    GLUCOSE(20, 600, true, "mg/dL"),
    WEIGHT_KG(20, 300, true, "kg");

    private final double min;
    private final double max;
    private final boolean inclusive;
    private final String unit;

    VitalMetric(double min, double max, boolean inclusive, String unit) {
        this.min = min;
        this.max = max;
        this.inclusive = inclusive;
        this.unit = unit;
    }

    /** The JSON field and column name, e.g. {@code heart_rate}. */
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean accepts(double value) {
        return inclusive ? value >= min && value <= max : value > min && value < max;
    }

    /** The rule a rejected value broke, e.g. {@code must be between 50 and 100 %}. */
    public String rangeRule() {
        return inclusive ? "must be between " + format(min) + " and " + format(max) + " " + unit
                : "must be greater than " + format(min) + " and less than " + format(max) + " " + unit;
    }

    public static Optional<VitalMetric> fromJson(String name) {
        return Arrays.stream(values()).filter(m -> m.json().equals(name)).findFirst();
    }

    public String unit() {
        return unit;
    }

    /** The lowest and highest value a device may report (exclusive for heart rate, inclusive otherwise). */
    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    public static String allowed() {
        return Arrays.stream(values()).map(VitalMetric::json).collect(Collectors.joining(", "));
    }

    private String format(double value) {
        if (this == TEMPERATURE) {
            return String.valueOf(value);
        }
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
