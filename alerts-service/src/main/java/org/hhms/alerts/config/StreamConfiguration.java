package org.hhms.alerts.config;

import java.time.Duration;

import org.hhms.alerts.live.AlertBroadcaster;
import org.hhms.alerts.stream.AnomalyEventHandler;
import org.hhms.alerts.stream.CareTeamEventHandler;
import org.hhms.common.redis.RedisKeys;
import org.hhms.common.stream.GroupConsumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import tools.jackson.databind.ObjectMapper;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Consumers of hhms:anomalies and hhms:users (group {@code alerts}) and the live-event channel listener. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class StreamConfiguration {

    public static final String GROUP = "alerts";

    @Bean
    GroupConsumer anomaliesConsumer(StringRedisTemplate redis, ObjectMapper mapper, RedisKeys keys, AnomalyEventHandler handler,
            AlertsProperties properties) {
        return new GroupConsumer(redis, mapper, keys.key("hhms:anomalies"), GROUP, properties.consumerName(),
                handler,
                new GroupConsumer.Settings(5, Duration.ofSeconds(60), Duration.ofSeconds(30), 100));
    }

    @Bean
    GroupConsumer careTeamsConsumer(StringRedisTemplate redis, ObjectMapper mapper, RedisKeys keys, CareTeamEventHandler handler,
            AlertsProperties properties) {
        return new GroupConsumer(redis, mapper, keys.key("hhms:users"), GROUP, properties.consumerName(),
                handler,
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
