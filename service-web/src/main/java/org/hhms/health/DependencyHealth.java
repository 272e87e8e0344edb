package org.hhms.health;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The state of one dependency: {@code response_time_ms} is null when the dependency did not answer, and
 * {@code error} says why it is unhealthy or degraded (null when healthy). A probe that measures something adds its
 * figures beside these fields ({@code "lag_seconds": 0.4}).
 */
public record DependencyHealth(
        @JsonProperty("status") HealthStatus status,
        @JsonProperty("response_time_ms") Long responseTimeMs,
        @JsonProperty("error") String error,
        @JsonIgnore Map<String, Object> figures) {

    public DependencyHealth {
        // In the probe's order, and a figure may be null (not measured).
        figures = figures == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(figures));
    }

    public static DependencyHealth healthy(long responseTimeMs) {
        return new DependencyHealth(HealthStatus.HEALTHY, responseTimeMs, null, Map.of());
    }

    public static DependencyHealth unhealthy(String error) {
        return new DependencyHealth(HealthStatus.UNHEALTHY, null, error, Map.of());
    }

    /** What a probe found: healthy with its figures, or degraded with its problem. */
    static DependencyHealth of(DependencyProbe.Finding finding, long responseTimeMs) {
        return new DependencyHealth(finding.problem() == null ? HealthStatus.HEALTHY : HealthStatus.DEGRADED,
                responseTimeMs, finding.problem(), finding.figures());
    }

    @JsonAnyGetter
    Map<String, Object> figuresAsFields() {
        return figures;
    }
}
