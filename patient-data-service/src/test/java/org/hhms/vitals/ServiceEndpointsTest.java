package org.hhms.vitals;

import java.util.List;

import org.hhms.testsupport.OperationalEndpointsContract;
import org.hhms.testsupport.TestDatabases;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The patient-data-service's operational endpoints (health, Actuator, OpenAPI, problem details). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ServiceEndpointsTest extends OperationalEndpointsContract {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "hhms_test_vitals");
    }

    @Override
    protected String serviceName() {
        return "patient-data-service";
    }

    @Override
    protected String pathPrefix() {
        return "patient";
    }

    @Override
    protected String databaseDependency() {
        return "timescale-data";
    }

    @Override
    protected List<String> otherDependencies() {
        return List.of("analysis");
    }

    @Override
    protected List<String> otherMetrics() {
        return List.of("hhms_analysis_lag_seconds");
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
