package org.hhms.health;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/** Checks Redis with a PING. */
public class RedisProbe implements DependencyProbe {

    private final String name;
    private final RedisConnectionFactory connectionFactory;

    public RedisProbe(String name, RedisConnectionFactory connectionFactory) {
        this.name = name;
        this.connectionFactory = connectionFactory;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void check() {
        try (RedisConnection connection = connectionFactory.getConnection()) {
            String answer = connection.ping();
            if (!"PONG".equalsIgnoreCase(answer)) {
                throw new IllegalStateException("PING answered " + answer);
            }
        }
    }
}
