package org.hhms.gateway.health;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The gateway's health: healthy only when every service reports healthy (one healthy instance suffices). */
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
     * did not), and why the gateway could not reach it, if so. With several instances, these are the first healthy
     * instance's (or the first's, when none is) and {@code instances} lists each one: the service is healthy while
     * one of them is, since the routes send requests only where a connection is accepted.
     */
    public record ServiceStatus(
            @JsonProperty("status") String status,
            @JsonProperty("response_time_ms") Long responseTimeMs,
            @JsonProperty("dependencies") Map<String, Object> dependencies,
            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("error") String error,
            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("instances") Map<String, InstanceStatus> instances) {

        public ServiceStatus(String status, Long responseTimeMs, Map<String, Object> dependencies, String error) {
            this(status, responseTimeMs, dependencies, error, null);
        }

        @JsonIgnore
        public boolean isHealthy() {
            return HEALTHY.equals(status);
        }

        ServiceStatus withInstances(Map<String, InstanceStatus> instances) {
            return new ServiceStatus(status, responseTimeMs, dependencies, error, instances);
        }
    }

    /** One instance of a service that runs several: its status, answer time and error, keyed by its base URL. */
    public record InstanceStatus(
            @JsonProperty("status") String status,
            @JsonProperty("response_time_ms") Long responseTimeMs,
            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("error") String error) {
    }
}
