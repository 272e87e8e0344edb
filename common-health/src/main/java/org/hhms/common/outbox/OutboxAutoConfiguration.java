package org.hhms.common.outbox;

import org.hhms.common.redis.RedisKeys;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.ObjectMapper;

/** The transactional outbox and its relay, for a service that sets {@code hhms.outbox.lock-key}. */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
        "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
        "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
        "org.hhms.common.redis.RedisKeysAutoConfiguration" })
@ConditionalOnProperty("hhms.outbox.lock-key")
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

    @Bean
    OutboxRelay outboxRelay(JdbcClient jdbc, StringRedisTemplate redis, TransactionTemplate transactions,
            OutboxProperties properties) {
        return new OutboxRelay(jdbc, redis, transactions, properties.lockKey(), properties.batchSize(),
                properties.streamMaxLength(), properties.interval());
    }

    @Bean
    Outbox outbox(JdbcTemplate jdbc, ObjectMapper mapper, OutboxRelay relay, RedisKeys keys) {
        return new Outbox(jdbc, mapper, relay, keys);
    }
}
