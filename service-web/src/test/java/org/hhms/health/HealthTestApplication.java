package org.hhms.health;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * A minimal servlet application with a DataSource and Redis, so the auto-configured /health has something to probe.
 * No component scan: everything under test must arrive through auto-configuration, as it does in a service.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class HealthTestApplication {
}
