package org.hhms.security;

import java.util.Map;
import java.util.UUID;

import org.hhms.tokens.CallerRole;

/**
 * Who is on a patient's care team, for authorization. The user-service answers from its own tables; the other
 * services ask it over HTTP and keep the answer briefly ({@link HttpCareTeamLookup}).
 */
public interface CareTeamLookup {

    /** The team's members and their roles ({@code DOCTOR} or {@code CARETAKER}); empty when none or no such patient. */
    Map<UUID, CallerRole> membersOf(UUID patientId);

    /** Forget what is known about this patient's team (it changed). */
    default void evict(UUID patientId) {
    }
}
