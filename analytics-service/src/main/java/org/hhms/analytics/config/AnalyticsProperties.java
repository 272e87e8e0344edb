package org.hhms.analytics.config;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the analytics-service.
 *
 * @param defaults          clinical default bounds per metric (JSON name → min/max), used where a patient has
 *                          no threshold of their own
 * @param news2Window       a NEWS2 parameter older than this counts as missing
 * @param staleAfter        a patient who sent readings and then nothing for this long gets a stale_data anomaly
 * @param staleCheckInterval how often silence is looked for
 * @param judgedRetention   how long a reading's "judged" mark is kept (repeats arriving later are judged again)
 * @param patientDataUrl    where stored readings are read back for re-evaluation
 */
@ConfigurationProperties("hhms.analytics")
public record AnalyticsProperties(
        Map<String, Bounds> defaults,
        @DefaultValue("60m") Duration news2Window,
        @DefaultValue("30m") Duration staleAfter,
        @DefaultValue("60s") Duration staleCheckInterval,
        @DefaultValue("7d") Duration judgedRetention,
        @DefaultValue("http://localhost:8082") URI patientDataUrl) {

    public AnalyticsProperties {
        defaults = defaults == null ? Map.of() : new LinkedHashMap<>(defaults);
    }

    /** A default range; either bound may be absent. */
    public record Bounds(Double min, Double max) {
    }
}
