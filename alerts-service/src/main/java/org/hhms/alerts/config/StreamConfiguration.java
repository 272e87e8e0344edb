package org.hhms.alerts.config;

import java.time.Duration;

import org.hhms.alerts.live.AlertBroadcaster;
import org.hhms.alerts.stream.AnomalyEventHandler;
import org.hhms.alerts.stream.CareTeamEventHandler;
import org.hhms.contracts.RedisKeys;
import org.hhms.messaging.stream.GroupConsumer;
import org.hhms.messaging.stream.GroupConsumers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.ObjectMapper;

/** Consumers of hhms:anomalies and hhms:users (group {@code alerts}) and the live-event channel listener. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class StreamConfiguration {

    public static final String GROUP = "alerts";

    @Bean
    GroupConsumer anomaliesConsumer(GroupConsumers consumers, AnomalyEventHandler handler) {
        return consumers.of("hhms:anomalies", handler);
    }

    @Bean
    GroupConsumer careTeamsConsumer(GroupConsumers consumers, CareTeamEventHandler handler) {
        return consumers.of("hhms:users", handler);
    }

    @Bean
    GroupConsumers consumers(StringRedisTemplate redis, ObjectMapper mapper, TransactionTemplate transactions,
            RedisKeys keys, AlertsProperties properties) {
        return new GroupConsumers(redis, mapper, transactions, keys, GROUP, properties.consumerName(),
                new GroupConsumer.Settings(5, Duration.ofSeconds(60), Duration.ofSeconds(30), 100));
    }

    @Bean
    RedisMessageListenerContainer liveAlerts(RedisConnectionFactory connections, AlertBroadcaster broadcaster) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connections);
        container.addMessageListener(broadcaster, new ChannelTopic(broadcaster.channel()));
        return container;
    }
}
