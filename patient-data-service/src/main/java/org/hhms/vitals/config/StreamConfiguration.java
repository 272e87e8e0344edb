package org.hhms.vitals.config;

import org.hhms.contracts.events.Streams;
import org.hhms.messaging.stream.GroupConsumer;
import org.hhms.messaging.stream.GroupConsumers;
import org.hhms.vitals.stream.UserEventHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The consumer of {@code hhms:users} (group {@code patient-data}) that keeps the local view of patients. */
@Configuration(proxyBeanMethods = false)
public class StreamConfiguration {

    @Bean
    GroupConsumer usersConsumer(GroupConsumers consumers, UserEventHandler handler) {
        return consumers.of(Streams.USERS, handler);
    }
}
