package org.hhms.gateway.health;

import java.time.Duration;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway asks the services (every instance of {@code hhms.gateway.services}) for their health.
 *
 * @param timeout how long one instance may take to answer before it counts as unhealthy
 * @param notChecked services the gateway routes to but whose health is not HHMS's: the dashboard's pages are not on
 *                   the path of a reading to an alert, and its being away must not make devices' and operators' health
 *                   checks fail (it has its own /health)
 */
@ConfigurationProperties("hhms.gateway.health")
public record GatewayHealthProperties(@DefaultValue("2s") Duration timeout,
        @DefaultValue("dashboard") Set<String> notChecked) {
}
