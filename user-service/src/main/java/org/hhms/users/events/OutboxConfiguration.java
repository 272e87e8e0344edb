package org.hhms.users.events;

import org.hhms.common.outbox.OutboxRelay;
import org.hhms.users.config.UsersProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/** The relay that moves this service's outbox to {@code hhms:users}, and its schedule. */
@Configuration(proxyBeanMethods = false)
public class OutboxConfiguration {

    /** Advisory lock key of this service's relay ("HHMSUS"). */
    private static final long LOCK_KEY = 0x48484d535553L;

    @Bean(destroyMethod = "close")
    OutboxRelay outboxRelay(JdbcClient jdbc, StringRedisTemplate redis, TransactionTemplate transactions,
            UsersProperties properties) {
        return new OutboxRelay(jdbc, redis, transactions, LOCK_KEY, 200, properties.streamMaxLength());
    }

    @Bean
    OutboxSchedule outboxSchedule(OutboxRelay relay) {
        return new OutboxSchedule(relay);
    }

    /** Sends what the after-commit nudges missed (Redis was down, or another instance held the lock). */
    static class OutboxSchedule {
        private final OutboxRelay relay;

        OutboxSchedule(OutboxRelay relay) {
            this.relay = relay;
        }

        @Scheduled(fixedDelayString = "${hhms.users.relay-interval:500ms}")
        void relay() {
            relay.relayAll();
        }
    }
}
