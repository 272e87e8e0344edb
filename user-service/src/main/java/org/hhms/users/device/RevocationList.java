package org.hhms.users.device;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.hhms.contracts.RedisKeys;
import org.hhms.tokens.RevokedDevices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Publishes revoked device tokens to the Redis set every service checks ({@link RevokedDevices}): at once after a
 * revocation commits, in full every 30 s and at start, and again within 2 s of finding the set gone (a Redis
 * restart: the verifiers refuse device tokens until it is back). The full publication always holds the member
 * {@link RevokedDevices#PUBLISHED} and swaps in the new set atomically (RENAME), so no verifier ever sees it half
 * written; an immediate addition never adds that member, so a set Redis lost is never mistaken for complete.
 */
@Component
public class RevocationList {

    private static final Logger log = LoggerFactory.getLogger(RevocationList.class);

    private final DeviceRepository devices;
    private final StringRedisTemplate redis;
    private final String key;
    private final Clock clock;

    public RevocationList(DeviceRepository devices, StringRedisTemplate redis, RedisKeys keys, Clock clock) {
        this.devices = devices;
        this.redis = redis;
        this.key = keys.key(RevokedDevices.KEY);
        this.clock = clock;
    }

    public void add(Collection<UUID> revoked) {
        if (revoked.isEmpty()) {
            return;
        }
        try {
            redis.opsForSet().add(key, revoked.stream().map(UUID::toString).toArray(String[]::new));
        } catch (RuntimeException e) {
            log.warn("Cannot publish {} revoked devices now; the next full publication will: {}", revoked.size(),
                    e.toString());
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    @Scheduled(fixedDelayString = "30s", initialDelayString = "30s")
    public void publishAll() {
        try {
            List<UUID> revoked = devices.revokedUnexpired(clock.instant());
            List<String> members = new java.util.ArrayList<>(revoked.stream().map(UUID::toString).toList());
            members.add(RevokedDevices.PUBLISHED);
            String staging = key + ":staging:" + UUID.randomUUID();
            redis.opsForSet().add(staging, members.toArray(String[]::new));
            redis.rename(staging, key);
        } catch (RuntimeException e) {
            log.warn("Cannot publish the revoked device list: {}", e.toString());
        }
    }

    /** Publishes the list again as soon as it is found gone (Redis restarted without its data). */
    @Scheduled(fixedDelayString = "${hhms.users.revocation-check:2s}", initialDelayString = "2s")
    public void republishIfGone() {
        try {
            if (!Boolean.TRUE.equals(redis.opsForSet().isMember(key, RevokedDevices.PUBLISHED))) {
                log.warn("The revoked device list is gone from Redis; publishing it again");
                publishAll();
            }
        } catch (RuntimeException e) {
            // Redis unreachable: the verifiers keep their last known list; the next check tries again.
        }
    }
}
