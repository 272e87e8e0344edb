package org.hhms.alerts.config;

import java.net.URI;
import java.time.Duration;

import org.hhms.contracts.alarms.Severity;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the alerts-service. Timings are per severity: critical alerts escalate and repeat soonest.
 *
 * @param escalateCritical  how long the current recipients have to acknowledge a critical alert before the next
 *                          care-team member is added
 * @param escalateWarning   the same for warnings
 * @param repeatCritical    while unacknowledged, how often a critical alert is sent again to the current recipients
 * @param repeatWarning     the same for warnings
 * @param smsInfo           whether info alerts from anomalies are texted at all (manual alerts always are)
 * @param rateLimitCount    at most this many warning (or info) SMS about one alert to one person per
 *                          {@code rateLimitWindow}: never counted across patients or alerts, never across severities,
 *                          and critical texts never wait
 * @param snoozeMax         the longest a non-critical alert can be snoozed (a snooze always ends; critical alerts
 *                          cannot be snoozed)
 * @param retryBase         first retry delay of a failed send (doubles per try)
 * @param maxTries          tries after which a send is given up
 */
@ConfigurationProperties("hhms.alerts")
public record AlertsProperties(
        @DefaultValue("5m") Duration escalateCritical,
        @DefaultValue("30m") Duration escalateWarning,
        @DefaultValue("10m") Duration repeatCritical,
        @DefaultValue("60m") Duration repeatWarning,
        @DefaultValue("false") boolean smsInfo,
        @DefaultValue("3") int rateLimitCount,
        @DefaultValue("60m") Duration rateLimitWindow,
        @DefaultValue("2h") Duration snoozeMax,
        @DefaultValue("5s") Duration retryBase,
        @DefaultValue("8") int maxTries,
        Twilio twilio) {

    public AlertsProperties {
        twilio = twilio == null ? new Twilio(true, null, null, null, null) : twilio;
    }

    /** How long an unacknowledged alert waits before the next person is paged; none for info. */
    public Duration escalationDelay(Severity severity) {
        return switch (severity) {
            case CRITICAL -> escalateCritical;
            case WARNING -> escalateWarning;
            case INFO -> null;
        };
    }

    /** How often an unacknowledged alert is paged again; never for info. */
    public Duration repeatInterval(Severity severity) {
        return switch (severity) {
            case CRITICAL -> repeatCritical;
            case WARNING -> repeatWarning;
            case INFO -> null;
        };
    }

    /**
     * @param testMode   true (the default): nothing leaves the machine, attempts are marked sent with a mock id
     * @param accountSid Twilio account SID
     * @param authToken  Twilio auth token (never logged or shown)
     * @param fromNumber the sending number, E.164
     * @param baseUrl    another address for the Twilio API (tests point the real SDK at a fake server)
     */
    public record Twilio(@DefaultValue("true") boolean testMode, String accountSid, String authToken,
            String fromNumber, URI baseUrl) {
    }
}
