package org.hhms.analytics.news2;

import java.util.List;
import java.util.Map;

/**
 * A NEWS2 aggregate with its breakdown. {@code partial} when some parameters had no value in the window: the
 * aggregate then covers only what was seen and never claims "low risk" for the rest.
 *
 * @param breakdown parameter → its 0–3 score, for the parameters that had a value
 * @param missing   the parameters without a value in the window
 */
public record News2Score(int aggregate, Map<News2Parameter, Integer> breakdown, List<News2Parameter> missing,
        int spo2Scale) {

    public boolean partial() {
        return !missing.isEmpty();
    }

    /** Any single parameter scoring 3 calls for an urgent review whatever the aggregate. */
    public boolean anySingleThree() {
        return breakdown.values().stream().anyMatch(score -> score == 3);
    }

    /** The clinical response band of this score. */
    public News2Band band() {
        if (aggregate >= 7) {
            return News2Band.EMERGENCY;
        }
        if (aggregate >= 5) {
            return News2Band.URGENT;
        }
        if (anySingleThree()) {
            return News2Band.URGENT_SINGLE_PARAMETER;
        }
        return aggregate == 0 ? News2Band.LOW_ZERO : News2Band.LOW;
    }
}
