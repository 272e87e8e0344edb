package org.hhms.web;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/** {@code LOG_FORMAT=json} switches console logs to ECS JSON (MDC, so {@code trace_id}, included). */
public class JsonLogsEnvironmentPostProcessor implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if ("json".equalsIgnoreCase(environment.getProperty("LOG_FORMAT"))) {
            environment.getPropertySources().addLast(new MapPropertySource("hhmsJsonLogs",
                    Map.of("logging.structured.format.console", "ecs")));
        }
    }
}
