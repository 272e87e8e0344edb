package org.hhms.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.hhms.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An HTTP dependency and Redis both point at a socket that accepts connections and never answers: the endpoint
 * must still answer within about the probe timeout, naming both as unhealthy.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.application.name=test-service", "hhms.health.timeout=1s",
        // A Redis that accepts and never answers would hold start-up for the client's default 60 s timeout.
        "spring.data.redis.timeout=1s" })
class HungDependencyTest extends HealthEndpointSupport {

    private static final SilentServer SILENT = SilentServer.start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "hhms_test_health");
        registry.add("spring.data.redis.url", () -> "redis://127.0.0.1:" + SILENT.port());
        registry.add("hhms.health.http.slow-service", () -> "http://127.0.0.1:" + SILENT.port() + "/health");
    }

    @AfterAll
    static void stop() throws IOException {
        SILENT.close();
    }

    @Test
    void answersWithinTheTimeoutAndNamesTheHungDependencies() {
        long start = System.nanoTime();
        client.get().uri("/health").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody()
                .jsonPath("$.detail.dependencies['slow-service'].status").isEqualTo("unhealthy")
                .jsonPath("$.detail.dependencies['slow-service'].response_time_ms").isEmpty()
                .jsonPath("$.detail.dependencies['slow-service'].error").value(String.class,
                        error -> assertThat(error).contains("No answer within 1000 ms"))
                .jsonPath("$.detail.dependencies.redis.status").isEqualTo("unhealthy")
                .jsonPath("$.detail.dependencies.postgres.status").isEqualTo("healthy");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    /** Accepts every connection, reads nothing, writes nothing. */
    static final class SilentServer implements AutoCloseable {
        private final ServerSocket socket;
        private final List<Socket> accepted = new CopyOnWriteArrayList<>();

        private SilentServer(ServerSocket socket) {
            this.socket = socket;
        }

        static SilentServer start() {
            try {
                SilentServer server = new SilentServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
                Thread.ofVirtual().start(server::acceptForever);
                return server;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        int port() {
            return socket.getLocalPort();
        }

        private void acceptForever() {
            while (!socket.isClosed()) {
                try {
                    accepted.add(socket.accept());
                } catch (IOException e) {
                    return;
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket s : accepted) {
                s.close();
            }
        }
    }
}
