package org.hhms.users;

import org.hhms.testsupport.OperationalEndpointsContract;
import org.hhms.testsupport.TestDatabases;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The user-service's operational endpoints (health, Actuator, OpenAPI, problem details). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ServiceEndpointsTest extends OperationalEndpointsContract {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "hhms_test_users");
    }

    @Override
    protected String serviceName() {
        return "user-service";
    }

    @Override
    protected String pathPrefix() {
        return "users";
    }

    @Override
    protected String databaseDependency() {
        return "postgres-user";
    }

    @Override
    protected boolean publishesEvents() {
        return true;
    }

    @Override
    protected boolean consumesEvents() {
        return false;
    }
}
