package org.hhms.dashboard.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the dashboard finds the HHMS services (each a comma-separated list of instances, as the gateway's), how long
 * before its expiry an access token is refreshed, and how long one call to a service may take.
 */
@ConfigurationProperties("hhms.dashboard")
public record DashboardProperties(List<URI> userService, List<URI> patientDataService, List<URI> analyticsService,
        List<URI> alertsService, Duration refreshBefore, Duration callTimeout) {

    public DashboardProperties {
        refreshBefore = refreshBefore == null ? Duration.ofSeconds(60) : refreshBefore;
        callTimeout = callTimeout == null ? Duration.ofSeconds(5) : callTimeout;
    }
}
