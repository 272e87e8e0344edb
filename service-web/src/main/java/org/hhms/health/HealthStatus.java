package org.hhms.health;

import com.fasterxml.jackson.annotation.JsonValue;

/** The two states of the HHMS health format. */
public enum HealthStatus {
    HEALTHY("healthy"),
    UNHEALTHY("unhealthy");

    private final String json;

    HealthStatus(String json) {
        this.json = json;
    }

    @JsonValue
    public String json() {
        return json;
    }
}
