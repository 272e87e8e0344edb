package org.hhms.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Gives a servlet service {@code GET /health} in the HHMS format. Every {@link DependencyProbe} bean is checked:
 * this configuration adds one for the service's DataSource and one for Redis when the service has them, and one
 * per HTTP dependency named under {@code hhms.health.http}; a service may declare more.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(HealthProperties.class)
public class HealthAutoConfiguration {

    @Bean
    HealthChecker hhmsHealthChecker(HealthProperties properties, Environment environment,
            ObjectProvider<DependencyProbe> probes) {
        String service = properties.service() != null ? properties.service()
                : environment.getProperty("spring.application.name", "service");
        List<DependencyProbe> all = new ArrayList<>(probes.orderedStream().toList());
        // The checker's deadline decides; the probe's own timeout only frees its thread afterwards, so it is longer
        // (equal timeouts would race and report either message).
        Duration probeTimeout = properties.timeout().plusMillis(500);
        properties.http().forEach((name, url) -> all.add(new HttpProbe(name, url, probeTimeout)));
        return new HealthChecker(service, all, properties.timeout());
    }

    @Bean
    HealthController hhmsHealthController(HealthChecker checker) {
        return new HealthController(checker);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(DataSource.class)
    @ConditionalOnBean(DataSource.class)
    static class DataSourceProbeConfiguration {

        @Bean
        DataSourceProbe hhmsDataSourceProbe(HealthProperties properties, DataSource dataSource) {
            return new DataSourceProbe(properties.database(), dataSource, properties.timeout());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(RedisConnectionFactory.class)
    @ConditionalOnBean(RedisConnectionFactory.class)
    static class RedisProbeConfiguration {

        @Bean
        RedisProbe hhmsRedisProbe(HealthProperties properties, RedisConnectionFactory connectionFactory) {
            return new RedisProbe(properties.redis(), connectionFactory);
        }
    }
}
