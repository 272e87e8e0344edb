package org.hhms.messaging.outbox;

import java.time.Clock;

import org.hhms.contracts.RedisKeys;
import org.hhms.contracts.events.EventCodec;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The transactional outbox and its relay, for a service that sets {@code hhms.outbox.lock-key}. */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
        "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
        "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
        "org.hhms.web.RedisKeysAutoConfiguration" })
@ConditionalOnProperty("hhms.outbox.lock-key")
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

    @Bean
    OutboxRelay outboxRelay(JdbcTemplate jdbc, StringRedisTemplate redis, TransactionTemplate transactions,
            OutboxProperties properties) {
        return new OutboxRelay(jdbc, redis, transactions, properties);
    }

    @Bean
    Outbox outbox(JdbcTemplate jdbc, EventCodec codec, OutboxRelay relay, RedisKeys keys,
            ObjectProvider<Clock> clock) {
        return new Outbox(jdbc, codec, relay, keys, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    @ConditionalOnMissingBean
    EventCodec eventCodec() {
        return new EventCodec();
    }

    /** Outbox figures on {@code /actuator/prometheus}, where Micrometer is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
    static class Metrics {

        @Bean
        OutboxMetrics outboxMetrics(OutboxRelay relay) {
            return new OutboxMetrics(relay);
        }
    }
}
