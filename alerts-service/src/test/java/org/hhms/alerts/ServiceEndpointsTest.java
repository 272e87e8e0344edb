package org.hhms.alerts;

import org.hhms.testsupport.OperationalEndpointsContract;
import org.hhms.testsupport.TestDatabases;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The alerts-service's operational endpoints (health, Actuator, OpenAPI, problem details). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ServiceEndpointsTest extends OperationalEndpointsContract {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "hhms_test_alerts");
    }

    @Override
    protected String serviceName() {
        return "alerts-service";
    }

    @Override
    protected String pathPrefix() {
        return "alerts";
    }

    @Override
    protected String databaseDependency() {
        return "postgres-alerts";
    }

    @Override
    protected boolean publishesEvents() {
        return false;
    }

    @Override
    protected boolean consumesEvents() {
        return true;
    }
}
