package org.hhms.alerts.careteam;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.hhms.security.ServiceTokens;
import org.hhms.alerts.config.AlertsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Whom to notify about a patient: the care team as the user-service last published it on {@code hhms:users}
 * (stored here), fetched once from the user-service when this service has not heard of the patient yet.
 */
@Component
public class CareTeams {

    private static final Logger log = LoggerFactory.getLogger(CareTeams.class);

    private final JdbcClient jdbc;
    private final ObjectMapper mapper;
    private final RestClient users;

    public CareTeams(JdbcClient jdbc, ObjectMapper mapper, AlertsProperties properties, ServiceTokens serviceTokens) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.users = serviceTokens.client(properties.userServiceUrl(), Duration.ofSeconds(3));
    }

    /**
     * The patient's team in escalation order: as stored, else asked of the user-service once. A 404 there means the
     * patient has no team (known, empty); no answer means nobody can tell right now (unknown).
     */
    public TeamLookup of(UUID patientId) {
        Optional<String> stored = jdbc.sql("SELECT members FROM care_teams WHERE patient_id = :p")
                .param("p", patientId).query(String.class).optional();
        if (stored.isPresent()) {
            return new TeamLookup.Known(parse(mapper.readTree(stored.get())));
        }
        try {
            String body = users.get().uri("/users/{id}/care-team", patientId).retrieve().body(String.class);
            JsonNode members = mapper.readTree(body).path("members");
            store(patientId, members, Instant.now());
            return new TeamLookup.Known(parse(members));
        } catch (HttpClientErrorException.NotFound e) {
            log.warn("No care team for patient {}: the user-service does not know them", patientId);
            return new TeamLookup.Known(List.of());
        } catch (RestClientException e) {
            log.warn("Care team of patient {} unknown: user-service unavailable ({})", patientId, e.toString());
            return new TeamLookup.Unknown("user-service unavailable: " + e.getMessage());
        }
    }

    /** The patients whose team includes this person (a doctor's inbox). */
    public List<UUID> patientsOf(UUID memberId) {
        return jdbc.sql("SELECT patient_id FROM care_teams WHERE members LIKE :pattern")
                .param("pattern", "%\"user_id\":\"" + memberId + "\"%").query(UUID.class).list();
    }

    /** Replaces the stored team (from a care_team.changed event), unless a newer one is already stored. */
    public void store(UUID patientId, JsonNode members, Instant asOf) {
        jdbc.sql("""
                INSERT INTO care_teams (patient_id, members, updated_at) VALUES (:p, :m, :t)
                ON CONFLICT (patient_id) DO UPDATE SET members = excluded.members, updated_at = excluded.updated_at
                 WHERE care_teams.updated_at <= excluded.updated_at
                """).param("p", patientId).param("m", mapper.writeValueAsString(members))
                .param("t", Timestamp.from(asOf)).update();
    }

    private static List<CareTeamMember> parse(JsonNode members) {
        List<CareTeamMember> team = new ArrayList<>();
        for (JsonNode m : members) {
            team.add(new CareTeamMember(UUID.fromString(m.path("user_id").asString()),
                    m.path("full_name").asString(""), m.path("role").asString(""),
                    m.path("phone").isNull() ? null : m.path("phone").asString(null),
                    m.path("is_primary").asBoolean(false), m.path("escalation_order").asInt(team.size() + 1)));
        }
        return team;
    }
}
