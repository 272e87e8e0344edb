package org.hhms.vitals;

import org.hhms.testsupport.FeatureBoundaries;
import org.junit.jupiter.api.Test;

/** The feature packages keep their direction (docs/architecture.md): a wrong import fails this test. */
class BoundaryTest {

    @Test
    void transportCallsTheDomainAndFeaturePackagesHaveADirection() {
        FeatureBoundaries.assertRespectedIn("org.hhms.vitals");
    }
}
