package org.hhms.health;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A service's health document: healthy only when every dependency is. */
public record ServiceHealth(
        @JsonProperty("service") String service,
        @JsonProperty("status") HealthStatus status,
        @JsonProperty("dependencies") Map<String, DependencyHealth> dependencies) {

    @JsonIgnore
    public boolean isHealthy() {
        return status == HealthStatus.HEALTHY;
    }
}
