package org.hhms.analytics.config;

import org.hhms.analytics.stream.UserEventHandler;
import org.hhms.analytics.stream.VitalEventHandler;
import org.hhms.contracts.events.Streams;
import org.hhms.messaging.stream.GroupConsumer;
import org.hhms.messaging.stream.GroupConsumers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The consumers of hhms:vitals and hhms:users (group {@code analytics}); scheduling runs the stale-data check. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class StreamConfiguration {

    @Bean
    GroupConsumer vitalsConsumer(GroupConsumers consumers, VitalEventHandler handler) {
        return consumers.of(Streams.VITALS, handler);
    }

    /** Deactivations on hhms:users stop the watching of a patient. */
    @Bean
    GroupConsumer usersConsumer(GroupConsumers consumers, UserEventHandler handler) {
        return consumers.of(Streams.USERS, handler);
    }
}
