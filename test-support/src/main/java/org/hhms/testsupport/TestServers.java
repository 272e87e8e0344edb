package org.hhms.testsupport;

import java.util.Locale;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Where the tests' PostgreSQL and Redis run, decided once per test JVM and reported on its first line:
 * <ul>
 * <li><b>Testcontainers</b> whenever a Docker engine answers: one PostgreSQL container of the pinned TimescaleDB
 * image that compose runs for vitals ({@link #TIMESCALE_IMAGE}; the other services' migrations run on it as on plain
 * PostgreSQL) and one Redis container, shared by every test class of the JVM (each class still gets its own database
 * and key prefix from {@link TestDatabases}); Testcontainers removes them when the JVM ends.</li>
 * <li><b>The local servers</b> otherwise, named by {@code TEST_PG_HOST}, {@code TEST_PG_PORT}, {@code TEST_PG_USER},
 * {@code TEST_PG_PASSWORD}, {@code TEST_REDIS_HOST} and {@code TEST_REDIS_PORT} (127.0.0.1:5432 as postgres,
 * 127.0.0.1:6379).</li>
 * </ul>
 * {@code TEST_SERVERS=local} keeps the local servers even where Docker runs; {@code TEST_SERVERS=testcontainers}
 * fails at once where it does not, rather than quietly testing something else.
 */
public final class TestServers {

    /** The vitals database image of docker-compose.yml (ComposeSettingsTest keeps the two equal). */
    public static final String TIMESCALE_IMAGE = "timescale/timescaledb:2.28.3-pg15";
    public static final String REDIS_IMAGE = "redis:7-alpine";

    /** One server: where it listens and how to sign in (Redis needs no user). */
    public record Server(String host, int port, String user, String password) {
    }

    private static final TestServers CHOSEN = choose();

    private final String description;
    private final Server postgres;
    private final Server redis;

    private TestServers(String description, Server postgres, Server redis) {
        this.description = description;
        this.postgres = postgres;
        this.redis = redis;
    }

    public static Server postgres() {
        return CHOSEN.postgres;
    }

    public static Server redis() {
        return CHOSEN.redis;
    }

    /** What this JVM tests against, as reported at its start. */
    public static String description() {
        return CHOSEN.description;
    }

    private static TestServers choose() {
        String wanted = env("TEST_SERVERS", "auto").toLowerCase(Locale.ROOT);
        if (!wanted.equals("auto") && !wanted.equals("local") && !wanted.equals("testcontainers")) {
            throw new IllegalStateException("TEST_SERVERS must be auto, local or testcontainers, not " + wanted);
        }
        boolean docker = !wanted.equals("local") && DockerClientFactory.instance().isDockerAvailable();
        if (wanted.equals("testcontainers") && !docker) {
            throw new IllegalStateException("TEST_SERVERS=testcontainers, but no Docker engine answers");
        }
        TestServers servers = docker ? containers() : local(wanted.equals("local") ? "TEST_SERVERS=local"
                : "no Docker engine");
        System.out.println(servers.description);
        return servers;
    }

    private static TestServers local(String why) {
        Server postgres = new Server(env("TEST_PG_HOST", "127.0.0.1"), Integer.parseInt(env("TEST_PG_PORT", "5432")),
                env("TEST_PG_USER", "postgres"), env("TEST_PG_PASSWORD", ""));
        Server redis = new Server(env("TEST_REDIS_HOST", "127.0.0.1"), Integer.parseInt(env("TEST_REDIS_PORT", "6379")),
                null, null);
        return new TestServers("PostgreSQL: local " + postgres.host() + ":" + postgres.port() + "; Redis: local "
                + redis.host() + ":" + redis.port() + " (" + why + "; TEST_PG_*, TEST_REDIS_* name them)", postgres,
                redis);
    }

    @SuppressWarnings("resource") // Testcontainers' Ryuk removes the containers when the JVM ends
    private static TestServers containers() {
        PostgreSQLContainer postgresContainer = new PostgreSQLContainer(
                DockerImageName.parse(TIMESCALE_IMAGE).asCompatibleSubstituteFor("postgres"))
                .withUsername("postgres").withPassword("hhms-test")
                // Every test class keeps its context's pool until the JVM ends (TestDatabases): room for them all.
                .withCommand("postgres", "-c", "max_connections=300");
        GenericContainer<?> redisContainer = new GenericContainer<>(DockerImageName.parse(REDIS_IMAGE))
                .withExposedPorts(6379);
        postgresContainer.start();
        redisContainer.start();
        Server postgres = new Server(postgresContainer.getHost(), postgresContainer.getMappedPort(5432), "postgres",
                "hhms-test");
        Server redis = new Server(redisContainer.getHost(), redisContainer.getMappedPort(6379), null, null);
        return new TestServers("PostgreSQL: Testcontainers " + TIMESCALE_IMAGE + " (" + postgres.host() + ":"
                + postgres.port() + "); Redis: Testcontainers " + REDIS_IMAGE + " (" + redis.host() + ":"
                + redis.port() + ")", postgres, redis);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
