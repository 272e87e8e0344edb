package org.hhms.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.importer.ClassFileImporter;

/** The boundary rules every service's BoundaryTest applies do fail on a wrong import, and pass on a right one. */
class FeatureBoundariesTest {

    private static final String BAD = "org.hhms.testsupport.boundaries.bad";
    private static final String GOOD = "org.hhms.testsupport.boundaries.good";

    @Test
    void aDomainClassUsingAControllerAndTwoPackagesUsingEachOtherAreViolations() {
        List<String> violations = FeatureBoundaries.violations(BAD, new ClassFileImporter().importPackages(BAD));

        assertThat(violations).anyMatch(v -> v.contains("ReadingStore") && v.contains("ReadingController"));
        assertThat(violations).anyMatch(v -> v.contains("Left") && v.contains("Right"));
        assertThat(violations).noneMatch(v -> v.startsWith("Method <" + BAD + ".web.ReadingController"));
    }

    @Test
    void aControllerCallingTheDomainIsFine() {
        assertThat(FeatureBoundaries.violations(GOOD, new ClassFileImporter().importPackages(GOOD))).isEmpty();
    }
}
