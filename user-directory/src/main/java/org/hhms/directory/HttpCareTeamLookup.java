package org.hhms.directory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.hhms.security.CallerRole;
import org.hhms.security.CareTeamLookup;
import org.hhms.security.SecurityProperties;
import org.hhms.security.ServiceTokens;
import org.hhms.web.ApiProblem;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Care teams asked of the user-service ({@code GET /users/{id}/care-team}, with a service token) and kept for
 * {@code hhms.security.care-team-cache-ttl}; a {@code care_team.changed} event evicts the patient's entry at once.
 * When the user-service cannot be reached and nothing is cached, the request is answered 503: access is never
 * granted on a guess.
 */
public class HttpCareTeamLookup implements CareTeamLookup {

    private record Entry(Map<UUID, CallerRole> members, Instant expires) {
    }

    private final RestClient users;
    private final ObjectMapper mapper;
    private final Duration ttl;
    private final Clock clock;
    private final Map<UUID, Entry> cache = new ConcurrentHashMap<>();

    public HttpCareTeamLookup(SecurityProperties properties, ServiceTokens serviceTokens, ObjectMapper mapper,
            Clock clock) {
        this.users = serviceTokens.client(properties.userServiceUrl(), Duration.ofSeconds(3));
        this.mapper = mapper;
        this.ttl = properties.careTeamCacheTtl();
        this.clock = clock;
    }

    @Override
    public Map<UUID, CallerRole> membersOf(UUID patientId) {
        Instant now = clock.instant();
        Entry entry = cache.get(patientId);
        if (entry != null && entry.expires().isAfter(now)) {
            return entry.members();
        }
        Map<UUID, CallerRole> members = fetch(patientId);
        cache.put(patientId, new Entry(members, now.plus(ttl)));
        return members;
    }

    @Override
    public void evict(UUID patientId) {
        cache.remove(patientId);
    }

    private Map<UUID, CallerRole> fetch(UUID patientId) {
        try {
            JsonNode team = mapper.readTree(users.get().uri("/users/{id}/care-team", patientId).retrieve()
                    .body(String.class));
            Map<UUID, CallerRole> members = new HashMap<>();
            for (JsonNode member : team.path("members")) {
                members.put(UUID.fromString(member.path("user_id").asString()),
                        CallerRole.fromClaim(member.path("role").asString()));
            }
            return Map.copyOf(members);
        } catch (HttpClientErrorException.NotFound | HttpClientErrorException.BadRequest e) {
            return Map.of();
        } catch (RestClientException e) {
            throw ApiProblem.unavailable("The user-service cannot be reached to check this patient's care team; "
                    + "nothing was read or changed. Retry later.");
        }
    }
}
