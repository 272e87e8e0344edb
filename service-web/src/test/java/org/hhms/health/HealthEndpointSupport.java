package org.hhms.health;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Base of the /health tests: a client bound to the running test application. */
abstract class HealthEndpointSupport {

    @LocalServerPort
    int port;

    RestTestClient client;

    @BeforeEach
    void bindClient() {
        client = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
    }
}
