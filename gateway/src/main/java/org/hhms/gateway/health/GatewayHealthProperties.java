package org.hhms.gateway.health;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway asks the services (every instance of {@code hhms.gateway.services}) for their health.
 *
 * @param timeout how long one instance may take to answer before it counts as unhealthy
 */
@ConfigurationProperties("hhms.gateway.health")
public record GatewayHealthProperties(@DefaultValue("2s") Duration timeout) {
}
