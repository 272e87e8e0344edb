package org.hhms.testsupport;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Gives each integration-test class its own throw-away PostgreSQL database, and its own Redis key prefix, so test
 * classes can run in any order without seeing each other's rows or stream entries.
 *
 * <p>The servers are {@link TestServers}': containers where a Docker engine answers, the local ones named by
 * {@code TEST_PG_*} and {@code TEST_REDIS_*} otherwise. Databases made by this JVM are dropped when it exits.
 */
public final class TestDatabases {

    private static final List<String> CREATED = new CopyOnWriteArrayList<>();
    private static final AtomicBoolean SWEPT = new AtomicBoolean();
    private static final Pattern STAMPED = Pattern.compile("hhms_test_.*_(\\d{10})_[0-9a-f]{6}");
    private static final long STALE_AFTER_SECONDS = 30 * 60;

    static {
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(TestDatabases::dropAll));
    }

    private TestDatabases() {
    }

    public static String pgHost() {
        return TestServers.postgres().host();
    }

    public static int pgPort() {
        return TestServers.postgres().port();
    }

    public static String pgUser() {
        return TestServers.postgres().user();
    }

    public static String pgPassword() {
        return TestServers.postgres().password();
    }

    public static String redisHost() {
        return TestServers.redis().host();
    }

    public static int redisPort() {
        return TestServers.redis().port();
    }

    public static String redisUrl() {
        return "redis://" + redisHost() + ":" + redisPort();
    }

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + pgHost() + ":" + pgPort() + "/" + database;
    }

    /**
     * Creates an empty database named after the prefix, its creation time and a random suffix, and returns its name.
     * The first call in a JVM also drops test databases older than 30 minutes that an earlier run could not drop (the exit hook is best effort: the test JVM may be ended before it finishes).
     */
    public static String createDatabase(String prefix) {
        long now = System.currentTimeMillis() / 1000;
        String name = (prefix + "_" + now + "_" + UUID.randomUUID().toString().substring(0, 6))
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        try (Connection connection = adminConnection(); Statement statement = connection.createStatement()) {
            if (SWEPT.compareAndSet(false, true)) {
                sweepStale(statement, now - STALE_AFTER_SECONDS);
            }
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name + " on " + jdbcUrl("postgres")
                    + " (is PostgreSQL running?)", e);
        }
        CREATED.add(name);
        return name;
    }

    private static void sweepStale(Statement statement, long createdBefore) throws SQLException {
        List<String> stale = new ArrayList<>();
        try (var rows = statement.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'hhms\\_test\\_%'")) {
            while (rows.next()) {
                Matcher matcher = STAMPED.matcher(rows.getString(1));
                if (matcher.matches() && Long.parseLong(matcher.group(1)) < createdBefore) {
                    stale.add(rows.getString(1));
                }
            }
        }
        for (String name : stale) {
            try {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException e) {
                System.err.println("Could not drop stale test database " + name + ": " + e.getMessage());
            }
        }
    }

    /**
     * Creates a database for the test class and registers the Spring properties that point the application at it
     * and at a Redis key prefix of its own. Returns the key prefix (ends with a colon).
     */
    public static String register(DynamicPropertyRegistry registry, String prefix) {
        String database = createDatabase(prefix);
        return register(registry, database, jdbcUrl(database));
    }

    /**
     * The same, with the application reaching the database on another local port (a {@link TcpProxy} in front of
     * the server, so a test can take the database away).
     */
    public static String register(DynamicPropertyRegistry registry, String prefix, int databasePort) {
        String database = createDatabase(prefix);
        return register(registry, database, "jdbc:postgresql://127.0.0.1:" + databasePort + "/" + database);
    }

    private static String register(DynamicPropertyRegistry registry, String database, String url) {
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", TestDatabases::pgUser);
        registry.add("spring.datasource.password", TestDatabases::pgPassword);
        // Spring keeps every test class's context (and its pool) alive until the JVM ends: pools that hold no idle
        // connections keep a module's test classes together under PostgreSQL's 100-connection limit.
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> 10);
        registry.add("spring.datasource.hikari.minimum-idle", () -> 0);
        registry.add("spring.datasource.hikari.idle-timeout", () -> 10_000);
        registry.add("spring.data.redis.url", TestDatabases::redisUrl);
        String keyPrefix = "test:" + database + ":";
        registry.add("hhms.redis.key-prefix", () -> keyPrefix);
        publishRevocationList(keyPrefix);
        registry.add("hhms.security.jwt-secret", () -> TestTokens.SECRET);
        return keyPrefix;
    }

    private static Connection adminConnection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl("postgres"), pgUser(), pgPassword());
    }

    private static void dropAll() {
        if (CREATED.isEmpty()) {
            return;
        }
        deleteRedisKeys();
        try (Connection connection = adminConnection(); Statement statement = connection.createStatement()) {
            for (String name : CREATED) {
                try {
                    statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                } catch (SQLException e) {
                    System.err.println("Could not drop test database " + name + " (the next run sweeps it): "
                            + e.getMessage());
                }
            }
        } catch (SQLException e) {
            System.err.println("Could not drop test databases " + CREATED + ": " + e.getMessage());
        }
    }

    /**
     * Publishes an empty revoked-device list under the prefix, as the user-service does in a running system: the
     * services refuse every device token while no list is published (revocation fails closed). A test of that
     * deletes the key.
     */
    public static void publishRevocationList(String keyPrefix) {
        redisCommand("SADD", keyPrefix + "hhms:auth:revoked-devices", "published");
    }

    /** Deletes the keys of this JVM's test classes with one EVAL, spoken in raw RESP (no client needed here). */
    private static void deleteRedisKeys() {
        StringBuilder patterns = new StringBuilder();
        for (String name : CREATED) {
            patterns.append("test:").append(name).append(":*").append('\n');
        }
        String script = "for p in string.gmatch(ARGV[1], '[^\\n]+') do "
                + "for _, k in ipairs(redis.call('KEYS', p)) do redis.call('DEL', k) end end return 1";
        redisCommand("EVAL", script, "0", patterns.toString());
    }

    private static void redisCommand(String... command) {
        StringBuilder resp = new StringBuilder("*").append(command.length).append("\r\n");
        for (String part : command) {
            resp.append('$').append(part.getBytes(StandardCharsets.UTF_8).length).append("\r\n")
                    .append(part).append("\r\n");
        }
        try (Socket socket = new Socket(redisHost(), redisPort())) {
            socket.setSoTimeout(2000);
            socket.getOutputStream().write(resp.toString().getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            socket.getInputStream().read();
        } catch (IOException e) {
            System.err.println("Redis command " + command[0] + " failed: " + e.getMessage());
        }
    }

}
