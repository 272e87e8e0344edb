package org.hhms.users.careteam;

import java.util.List;
import java.util.UUID;

import org.hhms.contracts.events.CareTeamChanged;

/**
 * Who to notify about a patient, in order: the primary doctor, the other doctors, then the caretakers. This is what
 * the alerts service reads, and what {@code care_team.changed} events carry.
 */
public record CareTeam(UUID patientId, List<CareTeamMember> members) {

    /** The team as its {@code care_team.changed} event says it. */
    public CareTeamChanged event() {
        return new CareTeamChanged(patientId, members.stream().map(m -> new CareTeamChanged.Member(m.userId(),
                m.fullName(), m.role().json(), m.phone(), m.email(), m.isPrimary(), m.escalationOrder())).toList());
    }
}
