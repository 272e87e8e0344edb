package org.hhms.vitals;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point of the patient-data-service. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class VitalsApplication {

    public static void main(String[] args) {
        SpringApplication.run(VitalsApplication.class, args);
    }
}
