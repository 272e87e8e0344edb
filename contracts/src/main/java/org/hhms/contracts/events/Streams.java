package org.hhms.contracts.events;

/** The Redis streams between the services (docs/events.md), before any key prefix. */
public final class Streams {

    /** People and care teams, published by the user-service. */
    public static final String USERS = "hhms:users";
    /** Every stored reading, published by the patient-data-service. */
    public static final String VITALS = "hhms:vitals";
    /** Anomalies found and conditions cleared, published by the analytics-service. */
    public static final String ANOMALIES = "hhms:anomalies";

    private Streams() {
    }

    /** Where a consumer moves an entry it could not handle: {@code <stream>:dead}. */
    public static String deadLetters(String stream) {
        return stream + ":dead";
    }
}
