package org.hhms.vitals.config;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the patient-data-service.
 *
 * @param maxBatch           most readings one batch may carry
 * @param ingestRate         readings per second each caller (a device, or a person) may post, on average
 * @param ingestBurst        readings a caller may post at once (a full bucket); also the most one request may carry
 * @param maxReadingAge      the oldest reading accepted, counted back from now (older ones are a 400: HHMS watches
 *                           patients, it does not import archives)
 * @param historyMaxRange    widest time range a history or aggregate query may ask for
 * @param historyMaxPoints   most points or readings a history query answers before asking to narrow the range
 * @param unknownPatientTtl  how long a "no such patient" answer is remembered before asking again
 * @param maxAnalysisLag     how far behind analytics may be before ingest refuses new readings (503); 0 turns the
 *                           bound off ({@link org.hhms.vitals.limit.AnalysisLag})
 * @param analysisGroup      the consumer group of {@code hhms:vitals} whose lag is bounded
 */
@ConfigurationProperties("hhms.vitals")
public record VitalsProperties(
        @DefaultValue("5000") int maxBatch,
        @DefaultValue("20") double ingestRate,
        @DefaultValue("5000") int ingestBurst,
        @DefaultValue("365d") Duration maxReadingAge,
        @DefaultValue("90d") Duration historyMaxRange,
        @DefaultValue("50000") int historyMaxPoints,
        @DefaultValue("30s") Duration unknownPatientTtl,
        @DefaultValue("60s") Duration maxAnalysisLag,
        @DefaultValue("analytics") String analysisGroup) {
}
