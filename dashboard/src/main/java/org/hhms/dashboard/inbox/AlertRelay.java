package org.hhms.dashboard.inbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.hhms.dashboard.api.ApiException;
import org.hhms.dashboard.api.HhmsApi;
import org.hhms.dashboard.api.Service;
import org.hhms.dashboard.api.SessionEnded;
import org.hhms.dashboard.signin.SignedIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Relays the alerts-service's live stream ({@code GET /alerts/stream}, filtered by that service to what this person
 * may see) to one open page, as events named {@code alert} whose data is the change ({@code alert.created},
 * {@code alert.updated}, ...). The page then reloads what it shows from the API: an event carries no health data to
 * the browser that the page would not load anyway. The upstream stream uses the person's token; when it ends
 * (a restart, a token past its life) the page's stream ends too and the browser reconnects within 2 s, through a
 * refreshed token, and reloads — so a change made meanwhile is shown, not lost.
 */
@Component
public class AlertRelay {

    private static final Logger log = LoggerFactory.getLogger(AlertRelay.class);
    /** A page's stream lasts at most this long, then reconnects: the upstream token is then fresh again. */
    static final Duration MAX_STREAM = Duration.ofMinutes(10);

    private final HhmsApi api;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public AlertRelay(HhmsApi api) {
        this.api = api;
    }

    public SseEmitter open(SignedIn me) {
        String token = api.accessToken(me);
        SseEmitter emitter = new SseEmitter(MAX_STREAM.toMillis());
        AtomicReference<InputStream> upstream = new AtomicReference<>();
        Runnable close = () -> {
            InputStream body = upstream.getAndSet(null);
            if (body != null) {
                try {
                    body.close();
                } catch (IOException ignored) {
                    // closing is all that is wanted
                }
            }
        };
        emitter.onCompletion(close);
        emitter.onTimeout(() -> {
            close.run();
            emitter.complete();
        });
        emitter.onError(error -> close.run());
        Thread.ofVirtual().name("alert-relay-" + me.id()).start(() -> relay(me, token, emitter, upstream));
        return emitter;
    }

    private void relay(SignedIn me, String token, SseEmitter emitter, AtomicReference<InputStream> upstream) {
        URI uri = URI.create(api.streamBase(Service.ALERTS) + "/alerts/stream");
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                response.body().close();
                throw new ApiException(response.statusCode(), "alerts stream answered " + response.statusCode());
            }
            upstream.set(response.body());
            emitter.send(SseEmitter.event().name("ready").data("connected").reconnectTime(2000));
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("event:")) {
                        emitter.send(SseEmitter.event().name("alert").data(line.substring(6).trim()));
                    } else if (line.startsWith(":")) {
                        // The upstream heartbeat (every 15 s) passes on: proxies keep an idle stream open.
                        emitter.send(SseEmitter.event().comment("heartbeat"));
                    }
                }
            }
            emitter.complete();
        } catch (IOException | ApiException | SessionEnded | IllegalStateException e) {
            log.debug("Alert stream of {} ended: {}", me, e.toString());
            emitter.completeWithError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            emitter.complete();
        }
    }
}
