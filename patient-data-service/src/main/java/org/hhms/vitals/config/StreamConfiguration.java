package org.hhms.vitals.config;

import java.time.Duration;

import org.hhms.contracts.RedisKeys;
import org.hhms.messaging.stream.GroupConsumer;
import org.hhms.messaging.stream.GroupConsumers;
import org.hhms.vitals.patients.UserEventHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.ObjectMapper;

/** The consumer of {@code hhms:users} (group {@code patient-data}) that keeps the local view of patients. */
@Configuration(proxyBeanMethods = false)
public class StreamConfiguration {

    @Bean
    GroupConsumer usersConsumer(StringRedisTemplate redis, ObjectMapper mapper, TransactionTemplate transactions,
            RedisKeys keys, UserEventHandler handler, VitalsProperties properties) {
        return new GroupConsumers(redis, mapper, transactions, keys, "patient-data", properties.consumerName(),
                new GroupConsumer.Settings(5, Duration.ofSeconds(60), Duration.ofSeconds(30), 100))
                .of("hhms:users", handler);
    }
}
