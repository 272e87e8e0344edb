package org.hhms.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springdoc.core.configuration.SpringDocConfiguration;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springdoc.webmvc.api.OpenApiWebMvcResource;
import org.springdoc.webmvc.core.configuration.SpringDocWebMvcConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;

/**
 * Springdoc's OpenAPI resource is created at the first request for it, not at start; without the lazy definitions it
 * is created at start (which is what the first test would see if they stopped working).
 */
class LazyApiDocsAutoConfigurationTest {

    private final WebApplicationContextRunner springdoc = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class,
                    HttpMessageConvertersAutoConfiguration.class, WebMvcAutoConfiguration.class,
                    SpringDocConfigProperties.class, SpringDocConfiguration.class, SpringDocWebMvcConfiguration.class));

    @Test
    void theApiDocsAreBuiltWhenFirstAskedFor() {
        springdoc.withConfiguration(AutoConfigurations.of(LazyApiDocsAutoConfiguration.class)).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(createdApiResources(context)).isEmpty();
            assertThat(context.getBean(OpenApiWebMvcResource.class)).isNotNull();
            assertThat(createdApiResources(context)).isNotEmpty();
        });
    }

    @Test
    void springdocAloneBuildsThemAtStart() {
        springdoc.run(context -> assertThat(createdApiResources(context)).isNotEmpty());
    }

    /** The OpenAPI resources already instantiated (their definitions exist either way). */
    private static List<String> createdApiResources(AssertableWebApplicationContext context) {
        var factory = context.getBeanFactory();
        String[] names = factory.getBeanNamesForType(OpenApiWebMvcResource.class, true, false);
        assertThat(names).isNotEmpty();
        return Arrays.stream(names).filter(factory::containsSingleton).toList();
    }
}
