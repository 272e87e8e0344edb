package org.hhms.gateway;

import org.hhms.testsupport.TestTokens;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A client of the gateway under test on its real port, signed in as an admin. */
final class AdminClient {

    private AdminClient() {
    }

    static WebTestClient of(int port) {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .defaultHeader("Authorization", TestTokens.bearer(TestTokens.admin())).build();
    }
}
