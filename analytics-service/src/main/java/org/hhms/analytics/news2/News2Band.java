package org.hhms.analytics.news2;

/** The NEWS2 clinical response bands (Chart 4) and the alarm severity each raises (none for low risk). */
public enum News2Band {
    LOW_ZERO("low", null),
    LOW("low", null),
    URGENT_SINGLE_PARAMETER("low-medium: a single parameter scored 3, urgent review", "warning"),
    URGENT("medium: urgent response", "warning"),
    EMERGENCY("high: emergency response", "critical");

    private final String risk;
    private final String severity;

    News2Band(String risk, String severity) {
        this.risk = risk;
        this.severity = severity;
    }

    public String risk() {
        return risk;
    }

    /** {@code warning} or {@code critical}, or null when this band raises no anomaly. */
    public String severity() {
        return severity;
    }
}
