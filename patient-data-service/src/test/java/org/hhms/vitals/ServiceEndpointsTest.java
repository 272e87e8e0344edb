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
    protected List<String> pipelineMetrics() {
        return List.of("hhms_outbox_waiting",
                "hhms_outbox_unconfirmed",
                "hhms_outbox_replayed_total",
                "hhms_outbox_expired_total",
                "hhms_stream_lag",
                "hhms_stream_pending",
                "hhms_stream_dead_letters",
                "hhms_audit_waiting");
    }
}
