package org.hhms.contracts.events;

import java.util.List;
import java.util.UUID;

/**
 * {@code care_team.changed} on {@code hhms:users}: the whole new care team of a patient (not the difference), so a
 * consumer replaces its copy and never has to apply changes in order. Members in escalation order.
 */
public record CareTeamChanged(UUID patientId, List<Member> members) implements EventPayload {

    public CareTeamChanged {
        members = members == null ? List.of() : List.copyOf(members);
    }

    /** One person on the team; {@code role} is doctor or caretaker; {@code escalationOrder} 1 is notified first. */
    public record Member(UUID userId, String fullName, String role, String phone, String email, boolean isPrimary,
            int escalationOrder) {
    }
}
