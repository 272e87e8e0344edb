package org.hhms.users.careteam;

import java.util.List;
import java.util.UUID;

/**
 * Who to notify about a patient, in order: the primary doctor, the other doctors, then the caretakers. This is what
 * the alerts service reads, and what {@code care_team.changed} events carry.
 */
public record CareTeam(UUID patientId, List<CareTeamMember> members) {
}
