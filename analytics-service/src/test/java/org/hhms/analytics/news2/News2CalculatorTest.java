package org.hhms.analytics.news2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;

import org.hhms.contracts.alarms.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every band boundary of every parameter, on both sides (clinical/NEWS2.md, Chart 1). */
class News2CalculatorTest {

    @ParameterizedTest(name = "respiration {0} scores {1}")
    @CsvSource({ "5,3", "8,3", "9,1", "11,1", "12,0", "20,0", "21,2", "24,2", "25,3", "40,3" })
    void respiration(double rate, int score) {
        assertThat(News2Calculator.respiration(rate)).isEqualTo(score);
    }

    @ParameterizedTest(name = "SpO2 scale 1 {0} scores {1}")
    @CsvSource({ "85,3", "91,3", "92,2", "93,2", "94,1", "95,1", "96,0", "100,0" })
    void spo2Scale1(double spo2, int score) {
        assertThat(News2Calculator.spo2Scale1(spo2)).isEqualTo(score);
    }

    @ParameterizedTest(name = "SpO2 scale 2 {0} on oxygen {1} scores {2}")
    @CsvSource({ "80,false,3", "83,false,3", "84,false,2", "85,false,2", "86,false,1", "87,false,1",
            "88,false,0", "92,false,0", "93,false,0", "99,false,0",
            "88,true,0", "92,true,0", "93,true,1", "94,true,1", "95,true,2", "96,true,2", "97,true,3",
            "100,true,3", "83,true,3", "86,true,1" })
    void spo2Scale2(double spo2, boolean onOxygen, int score) {
        assertThat(News2Calculator.spo2Scale2(spo2, onOxygen)).isEqualTo(score);
    }

    @ParameterizedTest(name = "systolic {0} scores {1}")
    @CsvSource({ "70,3", "90,3", "91,2", "100,2", "101,1", "110,1", "111,0", "219,0", "220,3", "250,3" })
    void systolic(double systolic, int score) {
        assertThat(News2Calculator.systolic(systolic)).isEqualTo(score);
    }

    @ParameterizedTest(name = "pulse {0} scores {1}")
    @CsvSource({ "30,3", "40,3", "41,1", "50,1", "51,0", "90,0", "91,1", "110,1", "111,2", "130,2", "131,3" })
    void pulse(double pulse, int score) {
        assertThat(News2Calculator.pulse(pulse)).isEqualTo(score);
    }

    @ParameterizedTest(name = "temperature {0} scores {1}")
    @CsvSource({ "34.5,3", "35.0,3", "35.1,1", "36.0,1", "36.1,0", "38.0,0", "38.1,1", "39.0,1", "39.1,2",
            "41.0,2" })
    void temperature(double celsius, int score) {
        assertThat(News2Calculator.temperature(celsius)).isEqualTo(score);
    }

    @Test
    void oxygenScoresTwoAndNewConfusionScoresThree() {
        News2Score score = News2Calculator.score(Map.of(News2Parameter.ON_OXYGEN, 1.0,
                News2Parameter.CONSCIOUSNESS, 1.0), 1);
        assertThat(score.breakdown()).containsEntry(News2Parameter.ON_OXYGEN, 2)
                .containsEntry(News2Parameter.CONSCIOUSNESS, 3);
        assertThat(News2Calculator.score(Map.of(News2Parameter.ON_OXYGEN, 0.0, News2Parameter.CONSCIOUSNESS, 0.0),
                1).aggregate()).isZero();
    }

    @Test
    void aFullSetOfNormalValuesScoresZeroAndIsNotPartial() {
        News2Score score = News2Calculator.score(all(16, 97, 0, 125, 72, 0, 36.8), 1);
        assertThat(score.aggregate()).isZero();
        assertThat(score.partial()).isFalse();
        assertThat(score.band()).isEqualTo(News2Band.LOW_ZERO);
        assertThat(score.band().severity()).isNull();
    }

    @Test
    void aPartialScoreNamesWhatWasMissing() {
        News2Score score = News2Calculator.score(Map.of(News2Parameter.HEART_RATE, 72.0, News2Parameter.SPO2, 97.0),
                1);
        assertThat(score.partial()).isTrue();
        assertThat(score.missing()).containsExactly(News2Parameter.RESPIRATORY_RATE, News2Parameter.ON_OXYGEN,
                News2Parameter.SYSTOLIC_BP, News2Parameter.CONSCIOUSNESS, News2Parameter.TEMPERATURE);
        assertThat(score.aggregate()).isZero();
    }

    @Test
    void aSingleParameterOfThreeIsAnUrgentReviewEvenWithALowAggregate() {
        News2Score score = News2Calculator.score(all(16, 91, 0, 125, 72, 0, 36.8), 1);
        assertThat(score.aggregate()).isEqualTo(3);
        assertThat(score.band()).isEqualTo(News2Band.URGENT_SINGLE_PARAMETER);
        assertThat(score.band().severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void bandsFollowTheAggregate() {
        // pulse 115 (2) + respiration 22 (2) + temperature 38.5 (1) = 5
        assertThat(News2Calculator.score(all(22, 97, 0, 125, 115, 0, 38.5), 1).band()).isEqualTo(News2Band.URGENT);
        // 2 + 2 + 1 + SpO2 94 (1) + systolic 105 (1) = 7
        News2Score seven = News2Calculator.score(all(22, 94, 0, 105, 115, 0, 38.5), 1);
        assertThat(seven.aggregate()).isEqualTo(7);
        assertThat(seven.band()).isEqualTo(News2Band.EMERGENCY);
        assertThat(seven.band().severity()).isEqualTo(Severity.CRITICAL);
        // 4: low risk, no anomaly
        assertThat(News2Calculator.score(all(22, 97, 0, 125, 115, 0, 37), 1).band().severity()).isNull();
    }

    @Test
    void scale2DoesNotPenaliseATargetSaturationOfEightyEightToNinetyTwo() {
        assertThat(News2Calculator.score(all(16, 89, 1, 125, 72, 0, 36.8), 2).breakdown())
                .containsEntry(News2Parameter.SPO2, 0).containsEntry(News2Parameter.ON_OXYGEN, 2);
        assertThat(News2Calculator.score(all(16, 89, 1, 125, 72, 0, 36.8), 1).breakdown())
                .containsEntry(News2Parameter.SPO2, 3);
    }

    private static Map<News2Parameter, Double> all(double rr, double spo2, double oxygen, double systolic,
            double pulse, double consciousness, double temperature) {
        Map<News2Parameter, Double> values = new EnumMap<>(News2Parameter.class);
        values.put(News2Parameter.RESPIRATORY_RATE, rr);
        values.put(News2Parameter.SPO2, spo2);
        values.put(News2Parameter.ON_OXYGEN, oxygen);
        values.put(News2Parameter.SYSTOLIC_BP, systolic);
        values.put(News2Parameter.HEART_RATE, pulse);
        values.put(News2Parameter.CONSCIOUSNESS, consciousness);
        values.put(News2Parameter.TEMPERATURE, temperature);
        return values;
    }
}
