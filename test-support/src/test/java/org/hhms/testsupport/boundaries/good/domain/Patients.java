package org.hhms.testsupport.boundaries.good.domain;

public class Patients {

    public int count() {
        return 1;
    }
}
