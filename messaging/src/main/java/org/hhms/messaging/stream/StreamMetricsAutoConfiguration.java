package org.hhms.messaging.stream;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.micrometer.core.instrument.MeterRegistry;

/** Consumer-group metrics for a service that has stream consumers and Micrometer. */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration" })
@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
public class StreamMetricsAutoConfiguration {

    @Bean
    @ConditionalOnBean({ MeterRegistry.class, StringRedisTemplate.class })
    StreamConsumerMetrics streamConsumerMetrics(ListableBeanFactory beans, MeterRegistry registry,
            StringRedisTemplate redis) {
        return new StreamConsumerMetrics(beans, registry, redis);
    }
}
