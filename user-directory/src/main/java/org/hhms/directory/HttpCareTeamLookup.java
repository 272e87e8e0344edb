package org.hhms.directory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.hhms.contracts.events.CareTeamChanged;
import org.hhms.security.CareTeamLookup;
import org.hhms.tokens.CallerRole;

/**
 * Care teams for authorization, asked of the user-service ({@link UserDirectory#careTeam}) and kept for
 * {@code ttl}; a {@code care_team.changed} event evicts the patient's entry at once. When the user-service cannot
 * be reached and nothing is cached, the request is answered 503: access is never granted on a guess.
 */
public class HttpCareTeamLookup implements CareTeamLookup {

    private record Entry(Map<UUID, CallerRole> members, Instant expires) {
    }

    private final UserDirectory directory;
    private final Duration ttl;
    private final Clock clock;
    private final Map<UUID, Entry> cache = new ConcurrentHashMap<>();

    public HttpCareTeamLookup(UserDirectory directory, Duration ttl, Clock clock) {
        this.directory = directory;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public Map<UUID, CallerRole> membersOf(UUID patientId) {
        Instant now = clock.instant();
        Entry entry = cache.get(patientId);
        if (entry != null && entry.expires().isAfter(now)) {
            return entry.members();
        }
        Map<UUID, CallerRole> members = new HashMap<>();
        for (CareTeamChanged.Member member : directory.careTeam(patientId).orElse(List.of())) {
            members.put(member.userId(), CallerRole.fromClaim(member.role()));
        }
        Map<UUID, CallerRole> known = Map.copyOf(members);
        cache.put(patientId, new Entry(known, now.plus(ttl)));
        return known;
    }

    @Override
    public void evict(UUID patientId) {
        cache.remove(patientId);
    }
}
