package org.hhms.alerts.config;

import org.hhms.alerts.alert.AlertBroadcaster;
import org.hhms.alerts.stream.AnomalyEventHandler;
import org.hhms.alerts.stream.CareTeamEventHandler;
import org.hhms.contracts.events.Streams;
import org.hhms.messaging.stream.GroupConsumer;
import org.hhms.messaging.stream.GroupConsumers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Consumers of hhms:anomalies and hhms:users (group {@code alerts}) and the live-event channel listener. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class StreamConfiguration {

    @Bean
    GroupConsumer anomaliesConsumer(GroupConsumers consumers, AnomalyEventHandler handler) {
        return consumers.of(Streams.ANOMALIES, handler);
    }

    @Bean
    GroupConsumer careTeamsConsumer(GroupConsumers consumers, CareTeamEventHandler handler) {
        return consumers.of(Streams.USERS, handler);
    }

    @Bean
    RedisMessageListenerContainer liveAlerts(RedisConnectionFactory connections, AlertBroadcaster broadcaster) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connections);
        container.addMessageListener(broadcaster, new ChannelTopic(broadcaster.channel()));
        return container;
    }
}
