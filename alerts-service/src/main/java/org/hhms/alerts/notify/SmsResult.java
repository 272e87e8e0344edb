package org.hhms.alerts.notify;

/** How one send went: sent with the provider's id, or failed (retryable or not) with the reason. */
public sealed interface SmsResult {

    record Sent(String providerMessageId) implements SmsResult {
    }

    /** {@code reason} is one of a few words, for the {@code hhms.sms.failed} metric; {@code error} says it all. */
    record Failed(String error, boolean retryable, String reason) implements SmsResult {
    }
}
