package org.hhms.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.hhms.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.publisher.Flux;

import tools.jackson.databind.JsonNode;

/**
 * Several instances of one service behind the gateway (the patient-data-service here): a dead one (its port refuses
 * connections), and two live ones. Requests take turns over the live ones and a refused connection goes to the next
 * instance with its body (also when many requests arrive at once: the refusing instance is left out for a pause);
 * what reached an instance is never sent twice.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReplicasTest {

    static final FakeService USERS = FakeService.start("user-service");
    static final FakeService FIRST = FakeService.start("patient-data-1");
    static final FakeService SECOND = FakeService.start("patient-data-2");
    static final FakeService ANALYTICS = FakeService.start("analytics-service");
    static final FakeService ALERTS = FakeService.start("alerts-service");
    static final String DEAD = "http://127.0.0.1:" + FakeService.refusingPort();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("USER_SERVICE_URL", USERS::url);
        registry.add("PATIENT_DATA_SERVICE_URL", () -> DEAD + "," + FIRST.url() + "," + SECOND.url());
        registry.add("ANALYTICS_SERVICE_URL", ANALYTICS::url);
        registry.add("ALERTS_SERVICE_URL", ALERTS::url);
        registry.add("hhms.security.key-prefix", () -> "test:" + UUID.randomUUID() + ":");
    }

    @LocalServerPort
    int port;

    WebTestClient client;

    @BeforeEach
    void setUp() {
        client = AdminClient.of(port);
    }

    @AfterAll
    static void stop() {
        USERS.close();
        FIRST.close();
        SECOND.close();
        ANALYTICS.close();
        ALERTS.close();
    }

    @Test
    void everyRequestIsServedByALiveInstanceWithItsBodyAndTheyTakeTurns() {
        String body = "{\"readings\":[{\"heart_rate\":72,\"reading_id\":\"r-1\"}]}";
        Set<String> servedBy = new HashSet<>();
        for (int i = 0; i < 9; i++) {
            JsonNode answer = client.post().uri("/patient/batch/" + UUID.randomUUID())
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                    .expectStatus().isOk()
                    .expectBody(JsonNode.class).returnResult().getResponseBody();
            assertThat(answer.get("body_length").asInt()).isEqualTo(body.length());
            servedBy.add(answer.get("service").asString());
        }
        assertThat(servedBy).containsExactlyInAnyOrder("patient-data-1", "patient-data-2");
    }

    @Test
    void manyRequestsAtOnceAllReachALiveInstance() {
        WebClient concurrent = WebClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultHeader("Authorization", TestTokens.bearer(TestTokens.admin())).build();
        List<Integer> statuses = Flux.range(0, 300)
                .flatMap(i -> concurrent.get().uri("/patient/" + UUID.randomUUID() + "/latest")
                        .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value())),
                        50)
                .collectList().block(Duration.ofSeconds(60));
        assertThat(statuses).hasSize(300).containsOnly(200);
    }

    @Test
    void aRequestThatReachedAnInstanceIsNotSentToAnother() {
        String patient = UUID.randomUUID().toString();
        client.post().uri("/patient/" + patient + "/crash").exchange().expectStatus().isEqualTo(502);
        client.get().uri("/patient/" + patient + "/fail").exchange().expectStatus().isEqualTo(500);
        assertThat(FIRST.hits("/patient/" + patient + "/crash") + SECOND.hits("/patient/" + patient + "/crash"))
                .isEqualTo(1);
        assertThat(FIRST.hits("/patient/" + patient + "/fail") + SECOND.hits("/patient/" + patient + "/fail"))
                .isEqualTo(1);
    }

    @Test
    void healthIsHealthyWhileOneInstanceIsAndListsEachInstance() {
        client.get().uri("/health").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("healthy")
                .jsonPath("$.services['patient-data-service'].status").isEqualTo("healthy")
                .jsonPath("$.services['patient-data-service'].dependencies.redis.status").isEqualTo("healthy")
                .jsonPath("$.services['patient-data-service'].instances['" + DEAD + "'].status")
                .isEqualTo("unhealthy")
                .jsonPath("$.services['patient-data-service'].instances['" + DEAD + "'].error")
                .value(String.class, error -> assertThat(error).containsIgnoringCase("refused"))
                .jsonPath("$.services['patient-data-service'].instances['" + FIRST.url() + "'].status")
                .isEqualTo("healthy")
                .jsonPath("$.services['user-service'].instances").doesNotExist();
    }
}
