package org.hhms.web;

import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.type.MethodMetadata;

/**
 * The OpenAPI documents and Swagger UI (springdoc) built when first asked for, not at every start: their beans are
 * made lazy. Springdoc, Swagger's models and the Jackson 2 they use are about 1,000 of the 19,000-28,000 classes a
 * service loads, for pages a developer opens now and then. The gain is small: about 100 of those classes are no
 * longer loaded at start and each AOT cache is 6 MB smaller, because springdoc's own listeners and
 * {@code WebMvcConfigurer}, which Spring creates lazy or not, still load most of Swagger (issue 19, footprint;
 * docs/BENCHMARKS.md). The first {@code /…/api-docs} request takes about half a second instead.
 */
@AutoConfiguration
public class LazyApiDocsAutoConfiguration {

    private static final String SPRINGDOC = "org.springdoc.";

    @Bean
    static BeanFactoryPostProcessor lazyApiDocs() {
        return LazyApiDocsAutoConfiguration::makeApiDocsLazy;
    }

    static void makeApiDocsLazy(ConfigurableListableBeanFactory factory) {
        for (String name : factory.getBeanDefinitionNames()) {
            BeanDefinition definition = factory.getBeanDefinition(name);
            if (isApiDocs(definition)) {
                definition.setLazyInit(true);
            }
        }
    }

    /** A springdoc class, or a bean a springdoc configuration class declares. */
    static boolean isApiDocs(BeanDefinition definition) {
        String type = definition.getBeanClassName();
        if (type == null && definition instanceof AnnotatedBeanDefinition annotated) {
            MethodMetadata factoryMethod = annotated.getFactoryMethodMetadata();
            type = factoryMethod == null ? null : factoryMethod.getDeclaringClassName();
        }
        return type != null && type.startsWith(SPRINGDOC);
    }
}
