package org.hhms.analytics.config;

import org.hhms.analytics.patients.UserEventHandler;
import org.hhms.analytics.stream.VitalEventHandler;
import org.hhms.common.outbox.OutboxRelay;
import org.hhms.common.redis.RedisKeys;
import org.hhms.common.stream.GroupConsumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/** The consumers of hhms:vitals and hhms:users (group {@code analytics}) and the relay of the outbox to hhms:anomalies. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class StreamConfiguration {

    public static final String GROUP = "analytics";
    /** Advisory lock key of this service's relay ("HHMSAN"). */
    private static final long LOCK_KEY = 0x48484d53414eL;

    @Bean
    GroupConsumer vitalsConsumer(StringRedisTemplate redis, RedisKeys keys, VitalEventHandler handler,
            AnalyticsProperties properties) {
        return new GroupConsumer(redis, keys.key("hhms:vitals"), GROUP, properties.consumerName(), handler,
                new GroupConsumer.Settings(properties.maxDeliveries(), properties.reclaimIdle(),
                        properties.reclaimInterval(), 100));
    }

    /** Deactivations on hhms:users stop the watching of a patient (group {@code analytics} on that stream too). */
    @Bean
    GroupConsumer usersConsumer(StringRedisTemplate redis, RedisKeys keys, UserEventHandler handler,
            AnalyticsProperties properties) {
        return new GroupConsumer(redis, keys.key("hhms:users"), GROUP, properties.consumerName(), handler,
                new GroupConsumer.Settings(properties.maxDeliveries(), properties.reclaimIdle(),
                        properties.reclaimInterval(), 100));
    }

    @Bean(destroyMethod = "close")
    OutboxRelay outboxRelay(JdbcClient jdbc, StringRedisTemplate redis, TransactionTemplate transactions,
            AnalyticsProperties properties) {
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

        @Scheduled(fixedDelayString = "${hhms.analytics.relay-interval:200ms}")
        void relay() {
            relay.relayAll();
        }
    }
}
