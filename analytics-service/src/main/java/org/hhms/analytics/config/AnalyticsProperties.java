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
 * @param confirmation      when a breach is held before it pages (docs/analytics.md, "Confirmation before paging")
 */
@ConfigurationProperties("hhms.analytics")
public record AnalyticsProperties(
        Map<String, Bounds> defaults,
        @DefaultValue("60m") Duration news2Window,
        @DefaultValue("30m") Duration staleAfter,
        @DefaultValue("60s") Duration staleCheckInterval,
        @DefaultValue("7d") Duration judgedRetention,
        @DefaultValue("http://localhost:8082") URI patientDataUrl,
        @DefaultValue Confirmation confirmation) {

    public AnalyticsProperties {
        defaults = defaults == null ? Map.of() : new LinkedHashMap<>(defaults);
    }

    /**
     * Confirmation before paging.
     *
     * @param window         a held breach that no reading contradicted within this pages anyway (persistence, or a
     *                       device that sends rarely): the longest a true non-critical breach waits
     * @param artefactWindow a suspected artefact that no reading follows within this pages: silence after an extreme
     *                       value is itself alarming
     * @param checkInterval  how often held breaches whose time is up are looked for
     * @param persist        per metric: a breach confirms only by a breaching reading at least this long after the
     *                       first (SpO2 15 s, Welch 2011); other metrics by the next breaching reading
     * @param jump           per metric: a change from the patient's previous value (within {@code jumpWithin}) larger
     *                       than this is physiologically implausible between two readings and held as a suspected
     *                       artefact, even when critical
     * @param jumpWithin     how recent the previous value must be for a jump to count
     * @param clearAfter     an all-clear is confirmed too: a condition ends only once the patient has been back in
     *                       range this long (reading time), so a value wavering around a bound is one episode
     */
    public record Confirmation(
            @DefaultValue("5m") Duration window,
            @DefaultValue("2m") Duration artefactWindow,
            @DefaultValue("10s") Duration checkInterval,
            Map<String, Duration> persist,
            Map<String, Double> jump,
            @DefaultValue("15m") Duration jumpWithin,
            @DefaultValue("10m") Duration clearAfter) {

        public Confirmation {
            persist = persist == null ? Map.of() : Map.copyOf(persist);
            jump = jump == null ? Map.of() : Map.copyOf(jump);
        }

        public Duration persistFor(String metric) {
            return metric == null ? Duration.ZERO : persist.getOrDefault(metric, Duration.ZERO);
        }
    }

    /** The clinical default range of a metric (both bounds absent when it has none). */
    public Bounds defaultsFor(String metric) {
        return defaults.getOrDefault(metric, new Bounds(null, null));
    }

    /** A default range; either bound may be absent. */
    public record Bounds(Double min, Double max) {
    }
}
