package org.hhms.analytics.config;

import org.hhms.analytics.patients.UserEventHandler;
import org.hhms.analytics.stream.VitalEventHandler;
import org.hhms.contracts.RedisKeys;
import org.hhms.messaging.stream.GroupConsumer;
import org.hhms.messaging.stream.GroupConsumers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.ObjectMapper;

/** The consumers of hhms:vitals and hhms:users (group {@code analytics}); scheduling runs the stale-data check. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class StreamConfiguration {

    public static final String GROUP = "analytics";

    @Bean
    GroupConsumer vitalsConsumer(GroupConsumers consumers, VitalEventHandler handler) {
        return consumers.of("hhms:vitals", handler);
    }

    /** Deactivations on hhms:users stop the watching of a patient. */
    @Bean
    GroupConsumer usersConsumer(GroupConsumers consumers, UserEventHandler handler) {
        return consumers.of("hhms:users", handler);
    }

    @Bean
    GroupConsumers consumers(StringRedisTemplate redis, ObjectMapper mapper, TransactionTemplate transactions,
            RedisKeys keys, AnalyticsProperties properties) {
        return new GroupConsumers(redis, mapper, transactions, keys, GROUP, properties.consumerName(),
                new GroupConsumer.Settings(properties.maxDeliveries(), properties.reclaimIdle(),
                        properties.reclaimInterval(), 100));
    }
}
