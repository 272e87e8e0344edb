package org.hhms.analytics.config;

import org.hhms.analytics.patients.UserEventHandler;
import org.hhms.analytics.stream.VitalEventHandler;
import org.hhms.common.redis.RedisKeys;
import org.hhms.common.stream.GroupConsumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

import tools.jackson.databind.ObjectMapper;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The consumers of hhms:vitals and hhms:users (group {@code analytics}). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class StreamConfiguration {

    public static final String GROUP = "analytics";

    @Bean
    GroupConsumer vitalsConsumer(StringRedisTemplate redis, ObjectMapper mapper, RedisKeys keys, VitalEventHandler handler,
            AnalyticsProperties properties) {
        return new GroupConsumer(redis, mapper, keys.key("hhms:vitals"), GROUP, properties.consumerName(),
                handler,
                new GroupConsumer.Settings(properties.maxDeliveries(), properties.reclaimIdle(),
                        properties.reclaimInterval(), 100));
    }

    /** Deactivations on hhms:users stop the watching of a patient (group {@code analytics} on that stream too). */
    @Bean
    GroupConsumer usersConsumer(StringRedisTemplate redis, ObjectMapper mapper, RedisKeys keys, UserEventHandler handler,
            AnalyticsProperties properties) {
        return new GroupConsumer(redis, mapper, keys.key("hhms:users"), GROUP, properties.consumerName(),
                handler,
                new GroupConsumer.Settings(properties.maxDeliveries(), properties.reclaimIdle(),
                        properties.reclaimInterval(), 100));
    }
}
