package org.hhms.web;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.observation.ObservationPredicate;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

import tools.jackson.databind.ObjectMapper;

/** What every HHMS servlet service shares on the web side: request ids and problem-details errors. */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import({ ProblemDetailsAdvice.class, ProblemErrorController.class })
public class WebCommonsAutoConfiguration {

    /** The service's clock, a bean so tests can move time (escalations, repeats, token expiry). */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * No observation per security filter: Spring Security wraps each of its dozen filters in one, a measured share
     * of every request's CPU, and nothing reads them (requests are still observed and timed as a whole).
     */
    @Bean
    ObservationPredicate hhmsNoSecurityFilterObservations() {
        return (name, context) -> !name.startsWith("spring.security.");
    }

    /** Load shedding, right after the request id (so a 503 carries it) and before security and the application. */
    @Bean
    FilterRegistrationBean<ConcurrencyLimitFilter> hhmsConcurrencyLimitFilter(
            @Value("${hhms.web.max-concurrent-requests:64}") int limit,
            @Value("${hhms.web.max-queue-wait:1s}") Duration maxWait, ObjectMapper mapper) {
        FilterRegistrationBean<ConcurrencyLimitFilter> registration = new FilterRegistrationBean<>(
                new ConcurrencyLimitFilter(limit, maxWait, mapper));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /** Strict JSON for every request body (StrictJson: types as declared, no NaN, no NUL, bounded sizes). */
    @Bean
    StrictJson hhmsStrictJson() {
        return new StrictJson();
    }

    /** Commit outcomes per request, so an error never claims "nothing was changed" when a commit is in doubt. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.transaction.TransactionExecutionListener")
    static class Transactions {

        @Bean
        CommitOutcomes hhmsCommitOutcomes() {
            return new CommitOutcomes();
        }
    }

    /** A Content-Type that names no concrete media type is a 415, before anything can fail on it. */
    @Bean
    FilterRegistrationBean<ContentTypeFilter> hhmsContentTypeFilter(ObjectMapper mapper) {
        FilterRegistrationBean<ContentTypeFilter> registration = new FilterRegistrationBean<>(
                new ContentTypeFilter(mapper));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestIdFilter> hhmsRequestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
