package org.hhms.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;

import org.hhms.alerts.alert.AlertService;
import org.hhms.alerts.config.AlertsProperties;
import org.hhms.alerts.notify.NotificationRepository;
import org.hhms.alerts.notify.NotificationService;
import org.hhms.alerts.notify.SmsSender;
import org.hhms.testsupport.HttpStubs;
import org.hhms.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.hhms.alerts.notify.DeliveryOutcomes;
import org.hhms.contracts.alarms.AnomalyKind;
import org.hhms.contracts.alarms.Severity;

/**
 * The real Twilio SDK (test mode off) against a fake Twilio API on a local socket: server errors and rate limits
 * are retried with backoff until one send succeeds; an invalid number is not retried and shows on the alert; a
 * queued retry survives a restart and is sent once; a send a dead instance left halfway is marked uncertain by a
 * living one, never resent.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestClockConfiguration.class)
class TwilioDeliveryTest extends AlertsTestSupport {

    static final MutableClock CLOCK = TestClockConfiguration.CLOCK;
    static final FakeTwilio TWILIO = new FakeTwilio();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "hhms_test_twilio");
        registry.add("hhms.alerts.send-interval", () -> "1h");
        registry.add("hhms.alerts.escalation-interval", () -> "1h");
        registry.add("hhms.alerts.interrupted-send-check", () -> "1h");
        registry.add("hhms.alerts.twilio.test-mode", () -> "false");
        registry.add("hhms.alerts.twilio.account-sid", () -> "ACtest0000");
        registry.add("hhms.alerts.twilio.auth-token", () -> "test-token-not-a-secret");
        registry.add("hhms.alerts.twilio.from-number", () -> "+15005550006");
        registry.add("hhms.alerts.twilio.base-url", TWILIO::url);
    }

    @AfterAll
    static void stop() {
        TWILIO.close();
    }

    @Autowired
    AlertService alerts;

    @Autowired
    NotificationService notifications;

    @Test
    void serverErrorsAndRateLimitsAreRetriedUntilExactlyOneSendSucceeds() {
        UUID patient = UUID.randomUUID();
        team(patient, "doctor", "+15555550201");
        int createdBefore = TWILIO.created.get();
        TWILIO.mode = 500;
        UUID alert = alerts.onAnomaly(null, null, patient, patient + ":hr", AnomalyKind.THRESHOLD, null, Severity.CRITICAL, "heart_rate 200 > max 130.0",
                CLOCK.instant()).id();
        notifications.sendDue();
        assertThat(status(alert)).isEqualTo("retrying");
        assertThat(get("/alerts/" + patient, 200).get(0).get("error_message").asString()).contains("Twilio 500");

        TWILIO.mode = 429;
        CLOCK.advance(Duration.ofSeconds(5));
        notifications.sendDue();
        assertThat(status(alert)).isEqualTo("retrying");
        assertThat(jdbc.queryForObject("SELECT error FROM notifications WHERE alert_id = ?", String.class, alert))
                .contains("429");

        TWILIO.mode = 201;
        notifications.sendDue();
        assertThat(status(alert)).as("not before the backoff (10 s after the second try)").isEqualTo("retrying");
        CLOCK.advance(Duration.ofSeconds(10));
        notifications.sendDue();
        assertThat(status(alert)).isEqualTo("sent");
        CLOCK.advance(Duration.ofMinutes(1));
        notifications.sendDue();
        assertThat(TWILIO.created.get() - createdBefore).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM notifications WHERE alert_id = ? AND status = 'sent'", alert))
                .isEqualTo(1);
        assertThat(count("SELECT tries FROM notifications WHERE alert_id = ?", alert)).isEqualTo(3);
        assertThat(get("/alerts/" + patient, 200).get(0).get("provider_message_id").asString()).startsWith("SMfake");
    }

    @Test
    void anInvalidNumberIsNotRetriedAndShowsOnTheAlert() {
        UUID patient = UUID.randomUUID();
        team(patient, "doctor", FakeTwilio.INVALID);
        TWILIO.mode = 201;
        UUID alert = alerts.onAnomaly(null, null, patient, patient + ":t", AnomalyKind.THRESHOLD, null, Severity.CRITICAL, "temperature 41.5 > max 39.0",
                CLOCK.instant()).id();
        notifications.sendDue();
        CLOCK.advance(Duration.ofMinutes(10));
        notifications.sendDue();
        assertThat(status(alert)).isEqualTo("failed");
        assertThat(count("SELECT tries FROM notifications WHERE alert_id = ?", alert)).isEqualTo(1);
        var shown = get("/alerts/" + patient, 200).get(0);
        assertThat(shown.get("status").asString()).isEqualTo("failed");
        assertThat(shown.get("error_message").asString()).contains("21211");
    }

    @Test
    void aRetryQueuedBeforeARestartIsSentOnceAfterIt(@Autowired NotificationRepository repository,
            @Autowired DeliveryOutcomes outcomes, @Autowired SmsSender sms,
            @Autowired TransactionTemplate transactions, @Autowired AlertsProperties properties,
            @Autowired MeterRegistry meters) {
        UUID patient = UUID.randomUUID();
        team(patient, "doctor", "+15555550203");
        double failedBefore = counted(meters, "hhms.sms.failed", "reason", "provider_error", "outcome", "retrying");
        double sentBefore = counted(meters, "hhms.sms.sent", "severity", "critical", "purpose", "alert");
        TWILIO.mode = 503;
        UUID alert = alerts.onAnomaly(null, null, patient, patient + ":r", AnomalyKind.THRESHOLD, null, Severity.CRITICAL, "spo2 70 < min 90.0",
                CLOCK.instant()).id();
        notifications.sendDue();
        assertThat(status(alert)).isEqualTo("retrying");
        assertThat(counted(meters, "hhms.sms.failed", "reason", "provider_error", "outcome", "retrying") - failedBefore)
                .as("the operator's metric of failed SMS").isEqualTo(1);

        // A new instance on the same database, as after a restart: it finds the queued retry and sends it once.
        TWILIO.mode = 201;
        int createdBefore = TWILIO.created.get();
        Clock later = Clock.offset(CLOCK, Duration.ofMinutes(1));
        NotificationService restarted = new NotificationService(repository, outcomes, sms, transactions,
                properties, later, meters);
        restarted.sendDue();
        restarted.sendDue();
        assertThat(status(alert)).isEqualTo("sent");
        assertThat(TWILIO.created.get() - createdBefore).isEqualTo(1);
        assertThat(counted(meters, "hhms.sms.sent", "severity", "critical", "purpose", "alert") - sentBefore)
                .isEqualTo(1);
    }

    @Test
    void aSendLeftHalfwayByADeadInstanceIsMarkedUncertainByALivingOneAndNeverResent() {
        UUID patient = UUID.randomUUID();
        team(patient, "doctor", "+15555550204");
        TWILIO.mode = 201;
        int createdBefore = TWILIO.created.get();
        UUID alert = alerts.onAnomaly(null, null, patient, patient + ":u", AnomalyKind.THRESHOLD, null,
                Severity.CRITICAL, "heart_rate 190 > max 130.0", CLOCK.instant()).id();
        // Another instance claimed the send and was killed before Twilio answered.
        jdbc.update("UPDATE notifications SET status = 'sending', tries = 1, updated_at = ? WHERE alert_id = ?",
                Timestamp.from(CLOCK.instant()), alert);
        CLOCK.advance(Duration.ofSeconds(30));
        assertThat(notifications.markInterruptedSends()).as("a send may still be under way after 30 s").isZero();
        CLOCK.advance(Duration.ofMinutes(1));
        assertThat(notifications.markInterruptedSends()).isEqualTo(1);
        notifications.sendDue();
        assertThat(status(alert)).isEqualTo("uncertain");
        assertThat(TWILIO.created.get()).as("never resent").isEqualTo(createdBefore);
    }

    private String status(UUID alert) {
        return jdbc.queryForObject("SELECT status FROM notifications WHERE alert_id = ? ORDER BY created_at LIMIT 1",
                String.class, alert);
    }

    /** The Twilio Messages API as far as the SDK needs it; answers with the status the test sets. */
    static final class FakeTwilio implements AutoCloseable {
        static final String INVALID = "+15005550001";
        final AtomicInteger created = new AtomicInteger();
        volatile int mode = 201;
        private final HttpServer server;

        FakeTwilio() {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/", this::handle);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        private void handle(HttpExchange exchange) throws IOException {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (form.contains("To=%2B15005550001")) {
                HttpStubs.respond(exchange, 400, error(21211, "The 'To' number " + INVALID + " is not a valid phone number.",
                        400));
            } else if (mode == 201) {
                created.incrementAndGet();
                HttpStubs.respond(exchange, 201, "{\"sid\":\"SMfake" + UUID.randomUUID().toString().replace("-", "")
                        + "\",\"status\":\"queued\"}");
            } else {
                HttpStubs.respond(exchange, mode, error(mode == 429 ? 20429 : 20500, "fake failure " + mode, mode));
            }
        }

        private static String error(int code, String message, int status) {
            return "{\"code\":" + code + ",\"message\":\"" + message + "\",\"more_info\":\"https://example.invalid/"
                    + code + "\",\"status\":" + status + "}";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
