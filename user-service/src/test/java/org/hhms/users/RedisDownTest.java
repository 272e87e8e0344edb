package org.hhms.users;

import org.hhms.testsupport.TestTokens;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.hhms.testsupport.TestDatabases;
import org.hhms.messaging.outbox.OutboxRelay;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Redis points at a dead port: the API keeps working from the database and the events wait in the outbox. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RedisDownTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "hhms_test_redisdown");
        registry.add("spring.data.redis.url", () -> "redis://127.0.0.1:1");
    }

    @LocalServerPort
    int port;

    @Autowired
    OutboxRelay relay;

    RestTestClient client;

    @BeforeEach
    void bindClient() {
        client = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .defaultHeader("Authorization", TestTokens.bearer(TestTokens.admin())).build();
    }

    @Test
    void registerReadAndChangeStillWorkAndNoEventIsLost() {
        String email = "offline." + UUID.randomUUID().toString().substring(0, 6) + "@example.org";
        String id = client.post().uri("/users/register").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("email", email, "full_name", "Offline Olga", "role", "patient"))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
        client.get().uri("/users/" + id).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.full_name").isEqualTo("Offline Olga");
        client.get().uri("/users/email/" + email).exchange().expectStatus().isOk();
        client.patch().uri("/users/" + id).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("full_name", "Olga Online")).exchange().expectStatus().isOk();
        client.get().uri("/users/" + id).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.full_name").isEqualTo("Olga Online");

        relay.relayAll();
        assertThat(relay.waiting()).isEqualTo(2);
    }
}
