package org.hhms.analytics.news2;

import java.util.Locale;

/** The seven NEWS2 parameters (Royal College of Physicians, 2017), named as the reading fields they come from. */
public enum News2Parameter {
    RESPIRATORY_RATE, SPO2, ON_OXYGEN, SYSTOLIC_BP, HEART_RATE, CONSCIOUSNESS, TEMPERATURE;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
