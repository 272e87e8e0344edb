package org.hhms.messaging.stream;

import java.time.Clock;

import org.hhms.contracts.RedisKeys;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The factory of a service's stream consumers, from {@code hhms.consumers.*} (see {@link ConsumerProperties}). */
@AutoConfiguration(afterName = {
        "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
        "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration" })
@ConditionalOnProperty("hhms.consumers.group")
@EnableConfigurationProperties(ConsumerProperties.class)
public class ConsumerAutoConfiguration {

    @Bean
    GroupConsumers groupConsumers(StringRedisTemplate redis, TransactionTemplate transactions, RedisKeys keys,
            ConsumerProperties properties, Clock clock) {
        return new GroupConsumers(redis, transactions, keys, properties.group(), properties.name(),
                new GroupConsumer.Settings(properties.maxDeliveries(), properties.reclaimIdle(),
                        properties.reclaimInterval(), properties.batchSize(), properties.linger()),
                clock);
    }
}
