package org.hhms.health;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The state of one dependency: {@code response_time_ms} is null when the dependency did not answer, and
 * {@code error} says why it is unhealthy (null when healthy).
 */
public record DependencyHealth(
        @JsonProperty("status") HealthStatus status,
        @JsonProperty("response_time_ms") Long responseTimeMs,
        @JsonProperty("error") String error) {

    public static DependencyHealth healthy(long responseTimeMs) {
        return new DependencyHealth(HealthStatus.HEALTHY, responseTimeMs, null);
    }

    public static DependencyHealth unhealthy(String error) {
        return new DependencyHealth(HealthStatus.UNHEALTHY, null, error);
    }
}
