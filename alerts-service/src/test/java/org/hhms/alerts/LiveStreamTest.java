package org.hhms.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import org.hhms.alerts.alert.AlertBroadcaster;
import org.hhms.testsupport.TestTokens;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.hhms.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** GET /alerts/stream: every subscriber gets every matching event, fanned out through Redis. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LiveStreamTest extends AlertsTestSupport {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "hhms_test_live");
    }

    @Autowired
    AlertBroadcaster broadcaster;

    @Test
    void twoSubscribersBothReceiveTheEventAndFiltersApply() throws Exception {
        UUID patient = UUID.randomUUID();
        UUID doctor = team(patient, "doctor", "+15555550301").getFirst();
        UUID otherPatient = UUID.randomUUID();
        team(otherPatient, "doctor", "+15555550302");
        HttpClient http = HttpClient.newHttpClient();
        List<String> all = new CopyOnWriteArrayList<>();
        List<String> byDoctor = new CopyOnWriteArrayList<>();
        List<String> byOtherPatient = new CopyOnWriteArrayList<>();
        CompletableFuture<?> a = listen(http, "/alerts/stream", all);
        CompletableFuture<?> b = listen(http, "/alerts/stream?doctor_id=" + doctor, byDoctor);
        CompletableFuture<?> c = listen(http, "/alerts/stream?patient_id=" + otherPatient, byOtherPatient);
        assertThat(await(Duration.ofSeconds(5), () -> broadcaster.subscribers() >= 3)).isTrue();

        String alertId = post("/alerts/send/" + patient, Map.of("message", "live!", "severity", "critical"), 201)
                .get("id").asString();
        assertThat(await(Duration.ofSeconds(5), () -> contains(all, "event:alert.created", alertId)
                && contains(byDoctor, "event:alert.created", alertId))).isTrue();
        post("/alerts/" + alertId + "/acknowledge", Map.of("status", "acknowledged", "doctor_id", doctor), 200);
        assertThat(await(Duration.ofSeconds(5), () -> contains(all, "event:alert.acknowledged", alertId)
                && contains(byDoctor, "event:alert.acknowledged", alertId))).isTrue();
        assertThat(String.join("\n", byOtherPatient)).doesNotContain(alertId);
        Stream.of(a, b, c).forEach(f -> f.cancel(true));
    }

    private CompletableFuture<?> listen(HttpClient http, String path, List<String> lines) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", TestTokens.bearer(TestTokens.admin()))
                .header("Accept", "text/event-stream").build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> response.body().forEach(lines::add));
    }

    /** An event line followed by a data line naming the alert. */
    private static boolean contains(List<String> lines, String eventLine, String alertId) {
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).replace(" ", "").equals(eventLine) && lines.get(i + 1).contains(alertId)) {
                return true;
            }
        }
        return false;
    }
}
