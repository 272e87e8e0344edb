package org.hhms.health;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The states of the HHMS health format. A service is {@code healthy} or {@code unhealthy}; a dependency may also be
 * {@code degraded}: it works, but not as it should (analysis behind), which is shown without making the service
 * unhealthy (a readiness probe would take away the traffic it can still serve).
 */
public enum HealthStatus {
    HEALTHY("healthy"),
    DEGRADED("degraded"),
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
