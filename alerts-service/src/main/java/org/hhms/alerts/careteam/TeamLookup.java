package org.hhms.alerts.careteam;

import java.util.List;

/**
 * What the alerts-service knows of a patient's care team: the members (possibly none: nobody has been assigned
 * yet), or that nobody can tell right now (the user-service did not answer). The two call for different words to
 * the operator, and both for another look soon; neither is "escalated to everyone".
 */
public sealed interface TeamLookup {

    /** The members in escalation order; empty when unknown. */
    List<CareTeamMember> members();

    record Known(List<CareTeamMember> members) implements TeamLookup {
        public Known {
            members = List.copyOf(members);
        }
    }

    record Unknown(String reason) implements TeamLookup {
        @Override
        public List<CareTeamMember> members() {
            return List.of();
        }
    }
}
