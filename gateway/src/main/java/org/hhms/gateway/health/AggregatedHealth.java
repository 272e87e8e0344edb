package org.hhms.gateway.health;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The gateway's health: healthy only when every service reports healthy. */
public record AggregatedHealth(
        @JsonProperty("service") String service,
        @JsonProperty("status") String status,
        @JsonProperty("services") Map<String, ServiceStatus> services) {

    public static final String HEALTHY = "healthy";
    public static final String UNHEALTHY = "unhealthy";

    @JsonIgnore
    public boolean isHealthy() {
        return HEALTHY.equals(status);
    }

    /**
     * One service as the gateway saw it: its own status and dependencies, how long it took to answer (null when it
     * did not), and why the gateway could not reach it, if so.
     */
    public record ServiceStatus(
            @JsonProperty("status") String status,
            @JsonProperty("response_time_ms") Long responseTimeMs,
            @JsonProperty("dependencies") Map<String, Object> dependencies,
            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("error") String error) {
    }
}
