package org.hhms.analytics.news2;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Scores NEWS2 from the newest value of each parameter (clinical/NEWS2.md, Chart 1). Values are whole numbers on
 * the chart; fractional device values are scored by the band they fall in (e.g. temperature 38.05 is 36.1–38.0).
 */
public final class News2Calculator {

    private News2Calculator() {
    }

    /**
     * @param values    parameter → value; {@code on_oxygen} as 1 (oxygen) or 0 (air), {@code consciousness} as 0
     *                  (alert) or 1 (new confusion, voice, pain or unresponsive); absent parameters are missing
     * @param spo2Scale 1, or 2 for hypercapnic respiratory failure (chosen by a clinician)
     */
    public static News2Score score(Map<News2Parameter, Double> values, int spo2Scale) {
        Map<News2Parameter, Integer> breakdown = new EnumMap<>(News2Parameter.class);
        List<News2Parameter> missing = new ArrayList<>();
        Double oxygen = values.get(News2Parameter.ON_OXYGEN);
        boolean onOxygen = oxygen != null && oxygen >= 1;
        for (News2Parameter parameter : News2Parameter.values()) {
            Double value = values.get(parameter);
            if (value == null) {
                missing.add(parameter);
                continue;
            }
            breakdown.put(parameter, switch (parameter) {
                case RESPIRATORY_RATE -> respiration(value);
                case SPO2 -> spo2Scale == 2 ? spo2Scale2(value, onOxygen) : spo2Scale1(value);
                case ON_OXYGEN -> onOxygen ? 2 : 0;
                case SYSTOLIC_BP -> systolic(value);
                case HEART_RATE -> pulse(value);
                case CONSCIOUSNESS -> value >= 1 ? 3 : 0;
                case TEMPERATURE -> temperature(value);
            });
        }
        int aggregate = breakdown.values().stream().mapToInt(Integer::intValue).sum();
        return new News2Score(aggregate, breakdown, List.copyOf(missing), spo2Scale == 2 ? 2 : 1);
    }

    static int respiration(double rate) {
        if (rate <= 8) {
            return 3;
        }
        if (rate < 12) {
            return 1;
        }
        if (rate < 21) {
            return 0;
        }
        return rate < 25 ? 2 : 3;
    }

    static int spo2Scale1(double spo2) {
        if (spo2 <= 91) {
            return 3;
        }
        if (spo2 < 94) {
            return 2;
        }
        return spo2 < 96 ? 1 : 0;
    }

    /** Scale 2: 88–92 scores 0 on air or oxygen; above 92 scores 0 on air but rises on oxygen (over-oxygenation). */
    static int spo2Scale2(double spo2, boolean onOxygen) {
        if (spo2 <= 83) {
            return 3;
        }
        if (spo2 < 86) {
            return 2;
        }
        if (spo2 < 88) {
            return 1;
        }
        if (spo2 < 93 || !onOxygen) {
            return 0;
        }
        if (spo2 < 95) {
            return 1;
        }
        return spo2 < 97 ? 2 : 3;
    }

    static int systolic(double systolic) {
        if (systolic <= 90) {
            return 3;
        }
        if (systolic < 101) {
            return 2;
        }
        if (systolic < 111) {
            return 1;
        }
        return systolic < 220 ? 0 : 3;
    }

    static int pulse(double pulse) {
        if (pulse <= 40) {
            return 3;
        }
        if (pulse < 51) {
            return 1;
        }
        if (pulse < 91) {
            return 0;
        }
        if (pulse < 111) {
            return 1;
        }
        return pulse < 131 ? 2 : 3;
    }

    static int temperature(double celsius) {
        if (celsius <= 35.0) {
            return 3;
        }
        if (celsius <= 36.0) {
            return 1;
        }
        if (celsius <= 38.0) {
            return 0;
        }
        return celsius <= 39.0 ? 1 : 2;
    }
}
