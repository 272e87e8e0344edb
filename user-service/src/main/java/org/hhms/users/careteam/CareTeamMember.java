package org.hhms.users.careteam;

import java.util.UUID;

import org.hhms.users.user.UserRole;

/** One person on a patient's care team, in escalation order (1 = notified first). */
public record CareTeamMember(UUID userId, String fullName, UserRole role, String phone, String email,
        boolean isPrimary, int escalationOrder) {
}
