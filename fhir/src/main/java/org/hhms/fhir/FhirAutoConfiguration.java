package org.hhms.fhir;

import ca.uhn.fhir.context.FhirContext;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import tools.jackson.databind.ObjectMapper;

/** FHIR R4 in a servlet service: the HAPI context, resources in and out as JSON, errors as OperationOutcome. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(FhirProperties.class)
public class FhirAutoConfiguration {

    @Bean
    FhirLinks fhirLinks(FhirProperties properties) {
        return new FhirLinks(properties);
    }

    /** Expensive to build (it scans the R4 model), thread-safe: one per service. */
    @Bean
    FhirContext fhirContext() {
        return FhirContext.forR4Cached();
    }

    @Bean
    WebMvcConfigurer fhirResourceConverters(FhirContext context) {
        FhirResourceConverter converter = new FhirResourceConverter(context);
        return new WebMvcConfigurer() {
            @Override
            public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
                builder.addCustomConverter(converter);
            }
        };
    }

    /** First of all filters, so that an error written by any of them (load shedding, the token check) converts. */
    @Bean
    FilterRegistrationBean<OperationOutcomeFilter> fhirOperationOutcomeFilter(FhirContext context,
            ObjectMapper mapper) {
        FilterRegistrationBean<OperationOutcomeFilter> registration = new FilterRegistrationBean<>(
                new OperationOutcomeFilter(context, mapper));
        registration.addUrlPatterns("/fhir", "/fhir/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
