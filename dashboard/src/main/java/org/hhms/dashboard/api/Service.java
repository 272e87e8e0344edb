package org.hhms.dashboard.api;

/** The HHMS services the dashboard calls, each on the API the gateway serves. */
public enum Service {
    USERS, PATIENT_DATA, ANALYTICS, ALERTS
}
