package org.hhms.simulator;

import java.util.Locale;

/** How a simulated patient's vital signs behave. */
public enum Profile {
    /** values wander inside normal ranges; nobody should be paged */
    STABLE,
    /** a sepsis-like course over 30–90 minutes: heart and breathing rate and temperature up, SpO2 and systolic down */
    DETERIORATING,
    /** a device that goes silent part way through the run */
    SILENT,
    /** stable, with one-off artefacts (a loose clip, a moving arm) that should not page anyone */
    ARTEFACTS;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
