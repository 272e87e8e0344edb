package org.hhms.vitals.config;

import java.time.Duration;

import org.hhms.common.outbox.OutboxRelay;
import org.hhms.common.redis.RedisKeys;
import org.hhms.common.stream.GroupConsumer;
import org.hhms.vitals.patients.UserEventHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The relay that moves this service's outbox to {@code hhms:vitals}, and the consumer of {@code hhms:users}
 * (group {@code patient-data}) that keeps the local view of patients.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class StreamConfiguration {

    /** Advisory lock key of this service's relay ("HHMSVI"). */
    private static final long LOCK_KEY = 0x48484d535649L;

    @Bean
    GroupConsumer usersConsumer(StringRedisTemplate redis, RedisKeys keys, UserEventHandler handler,
            VitalsProperties properties) {
        return new GroupConsumer(redis, keys.key("hhms:users"), "patient-data", properties.consumerName(), handler,
                new GroupConsumer.Settings(5, Duration.ofSeconds(60), Duration.ofSeconds(30), 100));
    }

    @Bean(destroyMethod = "close")
    OutboxRelay outboxRelay(JdbcClient jdbc, StringRedisTemplate redis, TransactionTemplate transactions,
            VitalsProperties properties) {
        return new OutboxRelay(jdbc, redis, transactions, LOCK_KEY, 500, properties.streamMaxLength());
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

        @Scheduled(fixedDelayString = "${hhms.vitals.relay-interval:200ms}")
        void relay() {
            relay.relayAll();
        }
    }
}
