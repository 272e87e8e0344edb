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
 * @param maxDeliveries     an entry that failed this many times goes to the dead-letter stream
 * @param reclaimIdle       an entry pending this long with another (dead) consumer is taken over
 * @param reclaimInterval   how often pending entries are looked at
 * @param consumerName      this instance's name in the consumer group (unique per instance)
 * @param judgedRetention   how long a reading's "judged" mark is kept (repeats arriving later are judged again)
 * @param userServiceUrl    where to check that a patient exists (thresholds, queries)
 * @param patientDataUrl    where stored readings are read back for re-evaluation
 */
@ConfigurationProperties("hhms.analytics")
public record AnalyticsProperties(
        Map<String, Bounds> defaults,
        @DefaultValue("60m") Duration news2Window,
        @DefaultValue("30m") Duration staleAfter,
        @DefaultValue("60s") Duration staleCheckInterval,
        @DefaultValue("5") int maxDeliveries,
        @DefaultValue("60s") Duration reclaimIdle,
        @DefaultValue("30s") Duration reclaimInterval,
        @DefaultValue("analytics-1") String consumerName,
        @DefaultValue("7d") Duration judgedRetention,
        @DefaultValue("http://localhost:8081") URI userServiceUrl,
        @DefaultValue("http://localhost:8082") URI patientDataUrl) {

    public AnalyticsProperties {
        defaults = defaults == null ? Map.of() : new LinkedHashMap<>(defaults);
    }

    /** A default range; either bound may be absent. */
    public record Bounds(Double min, Double max) {
    }
}
