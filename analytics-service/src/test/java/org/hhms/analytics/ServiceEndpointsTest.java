package org.hhms.analytics;

import org.hhms.testsupport.OperationalEndpointsContract;
import org.hhms.testsupport.TestDatabases;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The analytics-service's operational endpoints (health, Actuator, OpenAPI, problem details). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ServiceEndpointsTest extends OperationalEndpointsContract {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "hhms_test_analytics");
    }

    @Override
    protected String serviceName() {
        return "analytics-service";
    }

    @Override
    protected String pathPrefix() {
        return "analytics";
    }

    @Override
    protected String databaseDependency() {
        return "postgres-analytics";
    }

    @Override
    protected boolean publishesEvents() {
        return true;
    }

    @Override
    protected boolean consumesEvents() {
        return true;
    }
}
