package org.hhms.testsupport.boundaries.good.web;

import org.hhms.testsupport.boundaries.good.domain.Patients;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class PatientController {

    private final Patients patients = new Patients();

    public int count() {
        return patients.count();
    }
}
