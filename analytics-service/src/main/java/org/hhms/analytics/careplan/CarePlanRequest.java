package org.hhms.analytics.careplan;

import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * {@code PUT /analytics/care-plan/{patient_id}}: what to change, and why (required, shown in the plan's history).
 * Per metric, a bound is a number (the patient's own), {@code "off"} (no bound at all, whatever the default) or
 * {@code "default"}; {@code confirm_after_seconds} is 0–3600 or {@code "default"}. What is not named is unchanged.
 */
public record CarePlanRequest(String reason, Integer spo2Scale, Map<String, MetricPlan> metrics) {

    /** The changes for one metric; each field absent (or null) is left as it is. */
    public record MetricPlan(JsonNode min, JsonNode max, JsonNode confirmAfterSeconds) {
    }
}
