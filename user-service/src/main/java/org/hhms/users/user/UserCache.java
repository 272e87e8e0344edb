package org.hhms.users.user;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.hhms.contracts.RedisKeys;
import org.hhms.users.config.UsersProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import tools.jackson.databind.ObjectMapper;

/**
 * Cache-aside copy of active users in Redis, by id and by email. It never decides anything: a miss, a Redis outage
 * or an unreadable entry all mean "ask the database", and every change evicts the entries after it commits.
 */
@Component
public class UserCache {

    private static final Logger log = LoggerFactory.getLogger(UserCache.class);

    private final StringRedisTemplate redis;
    private final ObjectMapper mapper;
    private final UsersProperties properties;
    private final RedisKeys keys;

    public UserCache(StringRedisTemplate redis, ObjectMapper mapper, UsersProperties properties, RedisKeys keys) {
        this.redis = redis;
        this.mapper = mapper;
        this.properties = properties;
        this.keys = keys;
    }

    public Optional<User> byId(UUID id) {
        return read(idKey(id));
    }

    public Optional<User> byEmail(String email) {
        return read(emailKey(email));
    }

    public void put(User user) {
        try {
            String json = mapper.writeValueAsString(user);
            redis.opsForValue().set(idKey(user.id()), json, properties.cacheTtl());
            redis.opsForValue().set(emailKey(user.email()), json, properties.cacheTtl());
        } catch (DataAccessException e) {
            log.debug("User cache unavailable, not caching {}: {}", user.id(), e.toString());
        }
    }

    /** Forgets the user under its id and every email it had (old and new on an email change). */
    public void evict(UUID id, String... emails) {
        try {
            redis.delete(idKey(id));
            for (String email : emails) {
                if (email != null) {
                    redis.delete(emailKey(email));
                }
            }
        } catch (DataAccessException e) {
            // The entry expires with its TTL; until Redis is back nobody reads it anyway.
            log.warn("User cache unavailable, could not evict {}: {}", id, e.toString());
        }
    }

    private Optional<User> read(String key) {
        try {
            String json = redis.opsForValue().get(key);
            return json == null ? Optional.empty() : Optional.of(mapper.readValue(json, User.class));
        } catch (DataAccessException e) {
            log.debug("User cache unavailable, reading the database: {}", e.toString());
            return Optional.empty();
        } catch (RuntimeException e) {
            log.warn("Unreadable user cache entry {}, ignoring it: {}", key, e.toString());
            return Optional.empty();
        }
    }

    private String idKey(UUID id) {
        return keys.key("hhms:users:cache:id:" + id);
    }

    private String emailKey(String email) {
        return keys.key("hhms:users:cache:email:" + email.toLowerCase(Locale.ROOT));
    }
}
