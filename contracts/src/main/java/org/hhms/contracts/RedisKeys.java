package org.hhms.contracts;

/**
 * Names of the Redis keys and streams a service uses, under a prefix: empty in production, one of its own for each
 * test class on a shared Redis ({@code hhms.redis.key-prefix}).
 */
public record RedisKeys(String keyPrefix) {

    public RedisKeys {
        keyPrefix = keyPrefix == null ? "" : keyPrefix;
    }

    /** The full name of a key or stream, e.g. {@code key("hhms:users")}. */
    public String key(String name) {
        return keyPrefix + name;
    }
}
