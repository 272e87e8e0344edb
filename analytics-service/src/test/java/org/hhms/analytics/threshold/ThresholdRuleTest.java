package org.hhms.analytics.threshold;

import static org.assertj.core.api.Assertions.assertThat;

import org.hhms.contracts.alarms.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThresholdRuleTest {

    @ParameterizedTest(name = "heart rate {0} in 40–130: {1}")
    @CsvSource(nullValues = "none", value = { "40, none", "130, none", "39.9, warning", "130.5, warning",
            "22, warning", "21, critical", "148, warning", "149, critical" })
    void strictBoundsAndFarIsCritical(double value, String severity) {
        ThresholdRule rule = new ThresholdRule("heart_rate", 40.0, 130.0, null);
        // the range is 90 wide: beyond a bound by more than 18 is critical
        assertThat(rule.judge(value).map(breach -> breach.severity().json()).orElse(null)).isEqualTo(severity);
    }

    @Test
    void describesTheBreachAsHhmsDid() {
        ThresholdRule rule = new ThresholdRule("heart_rate", null, 120.0, null);
        assertThat(rule.judge(160).orElseThrow().description()).isEqualTo("heart_rate 160 > max 120.0");
        assertThat(rule.judge(160).orElseThrow().bound()).isEqualTo("max");
        assertThat(new ThresholdRule("temperature", 35.0, null, null).judge(34.2).orElseThrow().description())
                .isEqualTo("temperature 34.2 < min 35.0");
    }

    @Test
    void aOneSidedRangeMeasuresFarAgainstTheBound() {
        ThresholdRule spo2 = new ThresholdRule("spo2", 90.0, null, null);
        assertThat(spo2.judge(100)).isEmpty();
        assertThat(spo2.judge(89).orElseThrow().severity()).isEqualTo(Severity.WARNING);
        assertThat(spo2.judge(71).orElseThrow().severity()).isEqualTo(Severity.CRITICAL);
        // HHMS e2e: threshold max 120, reading 160 is far (> 144)
        assertThat(new ThresholdRule("heart_rate", null, 120.0, null).judge(160).orElseThrow().severity())
                .isEqualTo(Severity.CRITICAL);
    }

    @ParameterizedTest(name = "an open breach of {0}–{1} is cleared by {2}: {3}")
    @CsvSource(nullValues = "none", value = {
            // heart rate 40–130 (90 wide): clears 4.5 inside a bound
            "40, 130, 129, false", "40, 130, 125.5, true", "40, 130, 41, false", "40, 130, 44.5, true",
            // SpO2 >= 90, open above: clears 1.8 above the bound
            "90, none, 90, false", "90, none, 91, false", "90, none, 92, true",
            // a doctor's max 120, open below: clears at 117.6 and under
            "none, 120, 119, false", "none, 120, 117, true" })
    void aBreachClearsOnlyWellInsideTheRangeSoAWaveringValuePagesOnce(Double min, Double max, double value,
            boolean clears) {
        ThresholdRule rule = new ThresholdRule("m", min, max, null);
        assertThat(rule.judge(value)).isEmpty(); // inside the range: never a new breach
        assertThat(rule.clears(value)).isEqualTo(clears);
    }
}
