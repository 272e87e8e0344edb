package org.hhms.audit;

import java.time.Clock;
import java.time.Duration;

import org.hhms.security.PatientAccess;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import tools.jackson.databind.ObjectMapper;

/**
 * The audit trail of a service that names its query route with {@code hhms.audit.path} (e.g. /users/audit): the
 * trail, its query route, the interceptor that records every call, and its backlog metric.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
        "org.hhms.security.HhmsSecurityAutoConfiguration" })
@ConditionalOnProperty("hhms.audit.path")
public class AuditAutoConfiguration {

    @Bean
    AuditTrail auditTrail(JdbcTemplate jdbc, @Value("${spring.application.name:hhms}") String service,
            Clock clock) {
        return new AuditTrail(jdbc, service, clock);
    }

    @Bean
    AuditController auditController(AuditTrail trail, PatientAccess access, Clock clock) {
        return new AuditController(trail, access, clock);
    }

    @Bean
    WebMvcConfigurer auditInterceptorConfigurer(AuditTrail trail, ObjectMapper mapper,
            @Value("${hhms.audit.write-timeout:5s}") Duration timeout) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new AuditInterceptor(trail, mapper, timeout));
            }
        };
    }

    /** {@code hhms.audit.waiting}: records handed over and not yet committed (grows while the database is away). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
    static class Metrics {

        @Bean
        io.micrometer.core.instrument.binder.MeterBinder auditMetrics(AuditTrail trail) {
            return registry -> io.micrometer.core.instrument.Gauge
                    .builder("hhms.audit.waiting", trail, AuditTrail::waiting)
                    .description("Audit records not yet committed").register(registry);
        }
    }
}
