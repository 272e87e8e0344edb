package org.hhms.gateway.health;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The services whose health the gateway aggregates.
 *
 * @param services service name → base URL (its {@code /health} is called)
 * @param timeout  how long one service may take to answer before it counts as unhealthy
 */
@ConfigurationProperties("hhms.gateway.health")
public record GatewayHealthProperties(Map<String, URI> services, @DefaultValue("2s") Duration timeout) {

    public GatewayHealthProperties {
        services = services == null ? Map.of() : new LinkedHashMap<>(services);
    }
}
