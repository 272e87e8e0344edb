package org.hhms.testsupport;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Base of the services' HTTP integration tests: a client bound to the application's real port that calls as an
 * admin (the role matrix tests send other tokens), JSON calls that assert the status, and waiting for asynchronous effects (stream consumers, relays) with a deadline.
 */
public abstract class HttpTestSupport {

    @LocalServerPort
    protected int port;

    @Autowired
    protected ObjectMapper mapper;

    protected RestTestClient client;

    @BeforeEach
    void bindClient() {
        client = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .defaultHeader(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.admin())).build();
    }

    protected JsonNode get(String path, int expectedStatus) {
        String json = client.get().uri(path).exchange().expectStatus().isEqualTo(expectedStatus)
                .expectBody(String.class).returnResult().getResponseBody();
        return mapper.readTree(json);
    }

    protected JsonNode post(String path, Object body, int expectedStatus) {
        String json = client.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).exchange()
                .expectStatus().isEqualTo(expectedStatus).expectBody(String.class).returnResult().getResponseBody();
        return mapper.readTree(json);
    }

    protected JsonNode put(String path, Object body, int expectedStatus) {
        String json = client.put().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).exchange()
                .expectStatus().isEqualTo(expectedStatus).expectBody(String.class).returnResult().getResponseBody();
        return mapper.readTree(json);
    }

    /** Polls until the condition holds or the timeout passes; returns whether it held. */
    protected static boolean await(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            sleep(50);
        }
        return condition.getAsBoolean();
    }

    protected static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
