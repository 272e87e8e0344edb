package org.hhms.health;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

/** Checks the service's own database with {@code SELECT 1} and a short query timeout. */
public class DataSourceProbe implements DependencyProbe {

    private final String name;
    private final DataSource dataSource;
    private final int queryTimeoutSeconds;

    public DataSourceProbe(String name, DataSource dataSource, Duration timeout) {
        this.name = name;
        this.dataSource = dataSource;
        // One second past the checker's deadline: the deadline decides, this only frees the connection afterwards.
        this.queryTimeoutSeconds = (int) timeout.toSeconds() + 1;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void check() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(queryTimeoutSeconds);
            statement.execute("SELECT 1");
        }
    }
}
