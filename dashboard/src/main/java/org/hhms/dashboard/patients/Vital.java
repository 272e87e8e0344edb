package org.hhms.dashboard.patients;

import java.util.List;

import org.hhms.contracts.vitals.VitalMetric;

/** The vital signs HHMS stores (the shared catalogue, {@link VitalMetric}), with how a page labels them. */
public enum Vital {
    HEART_RATE(VitalMetric.HEART_RATE, "Heart rate"),
    SPO2(VitalMetric.SPO2, "SpO₂"),
    RESPIRATORY_RATE(VitalMetric.RESPIRATORY_RATE, "Respiratory rate"),
    SYSTOLIC_BP(VitalMetric.SYSTOLIC_BP, "Systolic BP"),
    DIASTOLIC_BP(VitalMetric.DIASTOLIC_BP, "Diastolic BP"),
    TEMPERATURE(VitalMetric.TEMPERATURE, "Temperature"),
    GLUCOSE(VitalMetric.GLUCOSE, "Glucose"),
    WEIGHT_KG(VitalMetric.WEIGHT_KG, "Weight");

    public static final List<Vital> ALL = List.of(values());

    private final VitalMetric metric;
    private final String label;

    Vital(VitalMetric metric, String label) {
        this.metric = metric;
        this.label = label;
    }

    /** The API's name, e.g. {@code heart_rate}. */
    public String key() {
        return metric.json();
    }

    public String label() {
        return label;
    }

    public String unit() {
        return metric.unit();
    }
}
