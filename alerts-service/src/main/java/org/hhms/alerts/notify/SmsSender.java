package org.hhms.alerts.notify;

import java.net.URI;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.hhms.alerts.config.AlertsProperties;
import org.springframework.stereotype.Component;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;

/**
 * Sends SMS through the Twilio Java SDK. In test mode (the default) nothing leaves the machine: each send is
 * "sent" with a {@code mock-} id. Twilio's rate limit (429), server errors (5xx) and connection failures are
 * retryable; anything else (an invalid number, say) is not.
 */
@Component
public class SmsSender {

    private final AlertsProperties.Twilio settings;
    private final TwilioRestClient client;

    public SmsSender(AlertsProperties properties) {
        this.settings = properties.twilio();
        this.client = settings.testMode() ? null : client(settings);
    }

    public SmsResult send(String to, String body) {
        if (to == null || to.isBlank()) {
            return new SmsResult.Failed("no phone number on file", false, "no_phone");
        }
        if (settings.testMode()) {
            return new SmsResult.Sent("mock-" + UUID.randomUUID());
        }
        try {
            Message message = Message.creator(new PhoneNumber(to), new PhoneNumber(settings.fromNumber()), body)
                    .create(client);
            return new SmsResult.Sent(message.getSid());
        } catch (ApiException e) {
            Integer status = e.getStatusCode();
            // Twilio's own trouble (no status, 5xx) and its rate limit pass; any other 4xx refuses this message.
            String reason = status == null || status >= 500 ? "provider_error"
                    : status == 429 ? "provider_rate_limit" : "rejected";
            return new SmsResult.Failed("Twilio " + (status == null ? "" : status + " ")
                    + (e.getCode() == null ? "" : "error " + e.getCode() + ": ") + e.getMessage(),
                    !reason.equals("rejected"), reason);
        } catch (ApiConnectionException e) {
            return new SmsResult.Failed("Twilio unreachable: " + e.getMessage(), true, "unreachable");
        }
    }

    /** What {@code GET /alerts/system/status} shows: mode and configuration, never the token. */
    public Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("provider", "twilio");
        status.put("test_mode", settings.testMode());
        status.put("account_sid", mask(settings.accountSid()));
        status.put("from_number", mask(settings.fromNumber()));
        status.put("auth_token_configured", present(settings.authToken()));
        status.put("ready", settings.testMode() || (present(settings.accountSid()) && present(settings.authToken())
                && present(settings.fromNumber())));
        return status;
    }

    private static TwilioRestClient client(AlertsProperties.Twilio settings) {
        if (!present(settings.accountSid()) || !present(settings.authToken()) || !present(settings.fromNumber())) {
            throw new IllegalStateException("TWILIO_TEST_MODE=false needs TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and "
                    + "TWILIO_FROM_NUMBER");
        }
        TwilioRestClient.Builder builder = new TwilioRestClient.Builder(settings.accountSid(), settings.authToken());
        if (settings.baseUrl() != null) {
            builder.httpClient(new RedirectingHttpClient(settings.baseUrl()));
        }
        return builder.build();
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static String mask(String value) {
        if (!present(value)) {
            return null;
        }
        return value.length() <= 4 ? "****" : "****" + value.substring(value.length() - 4);
    }

    /** The SDK's own HTTP client, sending to another address (a test double of the Twilio API). */
    static final class RedirectingHttpClient extends NetworkHttpClient {
        private final URI baseUrl;

        RedirectingHttpClient(URI baseUrl) {
            this.baseUrl = baseUrl;
        }

        @Override
        public Response makeRequest(Request request) {
            URL original = request.constructURL();
            Request copy = new Request(request.getMethod(), baseUrl.resolve(original.getPath()).toString());
            copy.setAuth(request.getUsername(), request.getPassword());
            request.getPostParams().forEach((name, values) -> values.forEach(v -> copy.addPostParam(name, v)));
            request.getHeaderParams().forEach((name, values) -> values.forEach(v -> copy.addHeaderParam(name, v)));
            return super.makeRequest(copy);
        }
    }
}
