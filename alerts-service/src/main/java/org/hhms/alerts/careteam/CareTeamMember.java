package org.hhms.alerts.careteam;

import java.util.UUID;

/** One person to notify, in escalation order (as the user-service's care team lists them). */
public record CareTeamMember(UUID userId, String fullName, String role, String phone, boolean isPrimary,
        int escalationOrder) {

    /** A family member or other carer at home (rather than a doctor). */
    public boolean isCaretaker() {
        return "caretaker".equals(role);
    }
}
