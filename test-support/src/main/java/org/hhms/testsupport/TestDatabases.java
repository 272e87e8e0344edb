package org.hhms.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Gives each integration-test class its own throw-away PostgreSQL database on the local server, and its own
 * Redis key prefix, so test classes can run in any order without seeing each other's rows or stream entries.
 *
 * <p>The server is taken from {@code TEST_PG_HOST}, {@code TEST_PG_PORT}, {@code TEST_PG_USER} and
 * {@code TEST_PG_PASSWORD} (defaults: 127.0.0.1, 5432, postgres, empty), Redis from {@code TEST_REDIS_HOST} and
 * {@code TEST_REDIS_PORT} (127.0.0.1, 6379). Databases made by this JVM are dropped when it exits.
 */
public final class TestDatabases {

    private static final List<String> CREATED = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(TestDatabases::dropAll));
    }

    private TestDatabases() {
    }

    public static String pgHost() {
        return env("TEST_PG_HOST", "127.0.0.1");
    }

    public static int pgPort() {
        return Integer.parseInt(env("TEST_PG_PORT", "5432"));
    }

    public static String pgUser() {
        return env("TEST_PG_USER", "postgres");
    }

    public static String pgPassword() {
        return env("TEST_PG_PASSWORD", "");
    }

    public static String redisHost() {
        return env("TEST_REDIS_HOST", "127.0.0.1");
    }

    public static int redisPort() {
        return Integer.parseInt(env("TEST_REDIS_PORT", "6379"));
    }

    public static String redisUrl() {
        return "redis://" + redisHost() + ":" + redisPort();
    }

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + pgHost() + ":" + pgPort() + "/" + database;
    }

    /** Creates an empty database named after the prefix and a random suffix, and returns its name. */
    public static String createDatabase(String prefix) {
        String name = (prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_]", "_");
        try (Connection connection = adminConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name + " on " + jdbcUrl("postgres")
                    + " (is PostgreSQL running?)", e);
        }
        CREATED.add(name);
        return name;
    }

    /**
     * Creates a database for the test class and registers the Spring properties that point the application at it
     * and at a Redis key prefix of its own. Returns the key prefix (ends with a colon).
     */
    public static String register(DynamicPropertyRegistry registry, String prefix) {
        String database = createDatabase(prefix);
        registry.add("spring.datasource.url", () -> jdbcUrl(database));
        registry.add("spring.datasource.username", TestDatabases::pgUser);
        registry.add("spring.datasource.password", TestDatabases::pgPassword);
        registry.add("spring.data.redis.url", TestDatabases::redisUrl);
        String keyPrefix = "test:" + database + ":";
        registry.add("hhms.redis.key-prefix", () -> keyPrefix);
        return keyPrefix;
    }

    private static Connection adminConnection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl("postgres"), pgUser(), pgPassword());
    }

    private static void dropAll() {
        if (CREATED.isEmpty()) {
            return;
        }
        try (Connection connection = adminConnection(); Statement statement = connection.createStatement()) {
            for (String name : CREATED) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        } catch (SQLException e) {
            System.err.println("Could not drop test databases " + CREATED + ": " + e.getMessage());
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
