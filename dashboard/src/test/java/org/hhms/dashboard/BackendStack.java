package org.hhms.dashboard;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hhms.testsupport.TestDatabases;
import org.hhms.testsupport.TestTokens;

/**
 * The four HHMS services, each started from its own jar (built by this reactor before the dashboard) as a child
 * process on free ports, on throw-away databases and a Redis key prefix of their own: the real pipeline behind the
 * dashboard in its browser tests — readings stored, judged, turned into alerts and streamed, exactly as deployed.
 * Logs go to {@code target/backend-logs/}. The processes end with {@link #close()} or with this JVM.
 */
final class BackendStack implements AutoCloseable {

    static final String ADMIN_EMAIL = "admin@dashboard.test";
    static final String ADMIN_PASSWORD = "dashboard-admin-password-1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final List<Process> processes = new ArrayList<>();

    private BackendStack() {
    }

    static BackendStack start() {
        BackendStack stack = new BackendStack();
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
        try {
            stack.launch();
            return stack;
        } catch (RuntimeException | IOException | InterruptedException e) {
            stack.close();
            throw new IllegalStateException("The services behind the dashboard did not start: " + e.getMessage(), e);
        }
    }

    /** The base URL of a service: user-service, patient-data-service, analytics-service, alerts-service. */
    String url(String service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    private void launch() throws IOException, InterruptedException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        String keyPrefix = "test:" + TestDatabases.createDatabase("hhms_test_dashboard_keys") + ":";
        TestDatabases.publishRevocationList(keyPrefix);
        Map<String, String> databases = Map.of("user-service", "USERS_DB_URL", "patient-data-service", "VITALS_DB_URL",
                "analytics-service", "ANALYTICS_DB_URL", "alerts-service", "ALERTS_DB_URL");
        for (String service : List.of("user-service", "patient-data-service", "analytics-service", "alerts-service")) {
            ports.put(service, freePort());
        }
        Path logs = Path.of("target", "backend-logs");
        Files.createDirectories(logs);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (String service : ports.keySet()) {
            Path jar = root.resolve(service).resolve("target").resolve(service + ".jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: build the services first (./mvnw verify "
                        + "builds them before the dashboard; alone: ./mvnw -DskipTests package)");
            }
            String database = TestDatabases.createDatabase("hhms_test_dashboard_" + service.replace('-', '_'));
            ProcessBuilder builder = new ProcessBuilder(java, "-Xms32m", "-Xmx256m", "-XX:TieredStopAtLevel=1",
                    "-jar", jar.toString(), "--server.port=" + ports.get(service), "--management.server.port=0",
                    "--hhms.redis.key-prefix=" + keyPrefix)
                    .redirectErrorStream(true).redirectOutput(logs.resolve(service + ".log").toFile());
            Map<String, String> env = builder.environment();
            env.put(databases.get(service), TestDatabases.jdbcUrl(database));
            env.put("SPRING_DATASOURCE_USERNAME", TestDatabases.pgUser());
            env.put("SPRING_DATASOURCE_PASSWORD", TestDatabases.pgPassword());
            env.put("REDIS_URL", TestDatabases.redisUrl());
            env.put("HHMS_JWT_SECRET", TestTokens.SECRET);
            env.put("USER_SERVICE_URL", url("user-service"));
            env.put("PATIENT_DATA_SERVICE_URL", url("patient-data-service"));
            env.put("HHMS_ADMIN_EMAIL", ADMIN_EMAIL);
            env.put("HHMS_ADMIN_PASSWORD", ADMIN_PASSWORD);
            env.put("TWILIO_TEST_MODE", "true");
            processes.add(builder.start());
        }
        awaitHealthy(logs);
    }

    private void awaitHealthy(Path logs) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        for (String service : ports.keySet()) {
            while (true) {
                try {
                    HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(url(service) + "/health"))
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                    if (health.statusCode() == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    // still starting
                }
                for (Process process : processes) {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("a service exited during start-up (logs in "
                                + logs.toAbsolutePath() + File.separator + ")");
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(service + " not healthy within " + START_TIMEOUT + " (log: "
                            + logs.resolve(service + ".log").toAbsolutePath() + ")");
                }
                Thread.sleep(500);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public synchronized void close() {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
    }

    static String randomEmail(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@dashboard.test";
    }
}
