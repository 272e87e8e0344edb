package org.hhms.common.redis;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Names of the Redis keys and streams a service uses. {@code hhms.redis.key-prefix} (empty in production) lets
 * each test class work under its own prefix on a shared Redis.
 */
@ConfigurationProperties("hhms.redis")
public record RedisKeys(@DefaultValue("") String keyPrefix) {

    /** The full name of a key or stream, e.g. {@code key("hhms:users")}. */
    public String key(String name) {
        return keyPrefix + name;
    }
}
