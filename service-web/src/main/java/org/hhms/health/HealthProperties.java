package org.hhms.health;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the {@code /health} endpoint.
 *
 * @param service  the name shown as {@code service}; defaults to {@code spring.application.name}
 * @param timeout  how long all probes together may take before the missing ones count as unhealthy
 * @param database the name of the DataSource dependency
 * @param redis    the name of the Redis dependency
 * @param http     further named HTTP dependencies (name → URL answering 2xx when healthy)
 */
@ConfigurationProperties("hhms.health")
public record HealthProperties(
        String service,
        @DefaultValue("1s") Duration timeout,
        @DefaultValue("postgres") String database,
        @DefaultValue("redis") String redis,
        Map<String, URI> http) {

    public HealthProperties {
        http = http == null ? Map.of() : new LinkedHashMap<>(http);
    }
}
