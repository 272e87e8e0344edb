package org.hhms.gateway.routing;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where each service runs: service name → the base URLs of its instances (a comma-separated list in one variable,
 * e.g. {@code PATIENT_DATA_SERVICE_URL=http://localhost:8082,http://localhost:8182}). The routes {@code lb://<name>}
 * take turns over them; the gateway's {@code /health} asks each one.
 *
 * @param services     service name → its instances' base URLs
 * @param refusedPause how long an instance that refused a connection gets no requests
 */
@ConfigurationProperties("hhms.gateway")
public record ServiceInstancesProperties(Map<String, List<URI>> services, @DefaultValue("5s") Duration refusedPause) {

    public ServiceInstancesProperties {
        services = services == null ? Map.of() : new LinkedHashMap<>(services);
        services.forEach((name, urls) -> {
            if (urls == null || urls.isEmpty()) {
                throw new IllegalArgumentException("hhms.gateway.services." + name + " names no instance");
            }
            urls.forEach(url -> {
                if (url.getHost() == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
                    throw new IllegalArgumentException("hhms.gateway.services." + name + ": " + url
                            + " is not an http(s) URL with a host");
                }
            });
        });
    }
}
