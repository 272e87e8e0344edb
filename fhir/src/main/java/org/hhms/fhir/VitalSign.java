package org.hhms.fhir;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.hhms.contracts.vitals.VitalMetric;

/**
 * The HHMS metrics as FHIR R4 Observations: the LOINC code and UCUM unit each one has in the R4 vital-signs profiles
 * (hl7.org/fhir/R4/observation-vitalsigns.html), and the profile it claims. Blood pressure is one panel with the
 * systolic and diastolic values as components. Glucose is not a vital sign in R4 (it has no vital-signs profile):
 * it goes out as a laboratory Observation of capillary/venous blood glucose, LOINC 2339-0, mg/dL as HHMS stores it.
 */
public enum VitalSign {
    HEART_RATE("hr", "8867-4", "Heart rate", "heartrate", "/min", "beats/minute", VitalMetric.HEART_RATE),
    /** 2708-6 is the profile's code; pulse oximeters add 59408-5 ("by Pulse oximetry"), which is accepted too. */
    OXYGEN_SATURATION("spo2", "2708-6", "Oxygen saturation in Arterial blood", "oxygensat", "%", "%",
            VitalMetric.SPO2),
    RESPIRATORY_RATE("rr", "9279-1", "Respiratory rate", "resprate", "/min", "breaths/minute",
            VitalMetric.RESPIRATORY_RATE),
    BODY_TEMPERATURE("temp", "8310-5", "Body temperature", "bodytemp", "Cel", "°C", VitalMetric.TEMPERATURE),
    BLOOD_PRESSURE("bp", "85354-9", "Blood pressure panel with all children optional", "bp", "mm[Hg]", "mmHg",
            VitalMetric.SYSTOLIC_BP, VitalMetric.DIASTOLIC_BP),
    BODY_WEIGHT("wt", "29463-7", "Body weight", "bodyweight", "kg", "kg", VitalMetric.WEIGHT_KG),
    BLOOD_GLUCOSE("glu", "2339-0", "Glucose [Mass/volume] in Blood", null, "mg/dL", "mg/dL", VitalMetric.GLUCOSE);

    public static final String LOINC = "http://loinc.org";
    public static final String UCUM = "http://unitsofmeasure.org";
    public static final String PULSE_OXIMETRY = "59408-5";
    public static final String SYSTOLIC = "8480-6";
    public static final String DIASTOLIC = "8462-4";

    private final String key;
    private final String loinc;
    private final String display;
    private final String profile;
    private final String ucum;
    private final String unit;
    private final List<VitalMetric> metrics;

    VitalSign(String key, String loinc, String display, String profile, String ucum, String unit,
            VitalMetric... metrics) {
        this.key = key;
        this.loinc = loinc;
        this.display = display;
        this.profile = profile;
        this.ucum = ucum;
        this.unit = unit;
        this.metrics = List.of(metrics);
    }

    /** A short name, part of an Observation's id ({@code hr}, {@code bp}). */
    public String key() {
        return key;
    }

    public String loinc() {
        return loinc;
    }

    public String display() {
        return display;
    }

    /** The R4 vital-signs profile's canonical URL, or empty for glucose (no such profile). */
    public Optional<String> profile() {
        return Optional.ofNullable(profile).map(p -> "http://hl7.org/fhir/StructureDefinition/" + p);
    }

    /** The observation category: {@code vital-signs}, or {@code laboratory} for glucose. */
    public String category() {
        return profile == null ? "laboratory" : "vital-signs";
    }

    public String ucum() {
        return ucum;
    }

    /** The unit as people read it ({@code Observation.valueQuantity.unit}). */
    public String unit() {
        return unit;
    }

    /** The HHMS metrics it carries: one, or systolic and diastolic for blood pressure. */
    public List<VitalMetric> metrics() {
        return metrics;
    }

    /** The vital sign a LOINC code names (its own code, or pulse oximetry's for oxygen saturation). */
    public static Optional<VitalSign> ofLoinc(String code) {
        if (PULSE_OXIMETRY.equals(code)) {
            return Optional.of(OXYGEN_SATURATION);
        }
        return Arrays.stream(values()).filter(v -> v.loinc.equals(code)).findFirst();
    }

    public static Optional<VitalSign> ofKey(String key) {
        return Arrays.stream(values()).filter(v -> v.key.equals(key)).findFirst();
    }

    /** The vital sign an HHMS metric belongs to (systolic and diastolic: blood pressure). */
    public static VitalSign of(VitalMetric metric) {
        return Arrays.stream(values()).filter(v -> v.metrics.contains(metric)).findFirst().orElseThrow();
    }

    /** Every code accepted, for error messages: {@code 8867-4 (Heart rate), …}. */
    public static String accepted() {
        return Arrays.stream(values()).map(v -> v.loinc + " (" + v.display + ")").collect(Collectors.joining(", "))
                + ", " + PULSE_OXIMETRY + " (Oxygen saturation by pulse oximetry)";
    }
}
