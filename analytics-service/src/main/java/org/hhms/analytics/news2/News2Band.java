package org.hhms.analytics.news2;

import org.hhms.contracts.alarms.Severity;

/** The NEWS2 clinical response bands (Chart 4) and the alarm severity each raises (none for low risk). */
public enum News2Band {
    LOW_ZERO("low", null),
    LOW("low", null),
    URGENT_SINGLE_PARAMETER("low-medium: a single parameter scored 3, urgent review", Severity.WARNING),
    URGENT("medium: urgent response", Severity.WARNING),
    EMERGENCY("high: emergency response", Severity.CRITICAL);

    private final String risk;
    private final Severity severity;

    News2Band(String risk, Severity severity) {
        this.risk = risk;
        this.severity = severity;
    }

    public String risk() {
        return risk;
    }

    /** {@code warning} or {@code critical}, or null when this band raises no anomaly. */
    public Severity severity() {
        return severity;
    }
}
