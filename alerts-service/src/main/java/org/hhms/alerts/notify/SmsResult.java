package org.hhms.alerts.notify;

/** How one send went: sent with the provider's id, or failed (retryable or not) with the reason. */
public sealed interface SmsResult {

    record Sent(String providerMessageId) implements SmsResult {
    }

    record Failed(String error, boolean retryable) implements SmsResult {
    }
}
