package org.hhms.users.careteam;

import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.hhms.security.CareTeamLookup;
import org.hhms.tokens.CallerRole;
import org.springframework.stereotype.Component;

/** The user-service answers care-team questions for authorization from its own tables. */
@Component
public class DatabaseCareTeamLookup implements CareTeamLookup {

    private final CareTeamRepository teams;

    public DatabaseCareTeamLookup(CareTeamRepository teams) {
        this.teams = teams;
    }

    @Override
    public Map<UUID, CallerRole> membersOf(UUID patientId) {
        return teams.members(patientId).stream().collect(Collectors.toUnmodifiableMap(CareTeamMember::userId,
                m -> CallerRole.fromClaim(m.role().json())));
    }
}
