package org.hhms.vitals.patients;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.hhms.security.ServiceTokens;
import org.hhms.web.ApiProblem;
import org.hhms.web.RequestIdFilter;
import org.hhms.vitals.config.VitalsProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Questions for the user-service, asked only off the hot path (a patient not heard of yet, a doctor's list). */
@Component
public class UserDirectory {

    private final RestClient client;
    private final ObjectMapper mapper;

    public UserDirectory(VitalsProperties properties, ObjectMapper mapper, ServiceTokens serviceTokens) {
        this.client = serviceTokens.client(properties.userServiceUrl(), Duration.ofSeconds(3));
        this.mapper = mapper;
    }

    /** A person as the user-service sees them, or empty when it answers 404. */
    public Optional<Person> find(UUID id) {
        try {
            String body = client.get().uri("/users/{id}", id).header("X-Request-ID", requestId())
                    .retrieve().body(String.class);
            JsonNode user = mapper.readTree(body);
            return Optional.of(new Person(id, user.get("role").asString(), user.get("is_active").asBoolean(),
                    Instant.parse(user.get("updated_at").asString())));
        } catch (HttpClientErrorException.NotFound e) {
            return Optional.empty();
        } catch (ResourceAccessException | RestClientResponseException e) {
            throw ApiProblem.unavailable(
                    "The user-service cannot be reached to look up this person; nothing was stored. Retry later.");
        }
    }

    /** The active patients of a doctor; the user-service's 404 and 400 are passed on as ours. */
    public List<UUID> patientsOf(UUID doctorId) {
        try {
            String body = client.get().uri("/users/{id}/patients", doctorId).header("X-Request-ID", requestId())
                    .retrieve().body(String.class);
            return mapper.readTree(body).valueStream().map(p -> UUID.fromString(p.get("id").asString())).toList();
        } catch (HttpClientErrorException e) {
            JsonNode problem = mapper.readTree(e.getResponseBodyAsString());
            String detail = problem.has("detail") ? problem.get("detail").asString() : e.getStatusText();
            throw new ApiProblem(e.getStatusCode(), detail);
        } catch (ResourceAccessException | RestClientResponseException e) {
            throw ApiProblem.unavailable(
                    "The user-service cannot be reached to look up this person; nothing was stored. Retry later.");
        }
    }

    private static String requestId() {
        String id = RequestIdFilter.current();
        return id == null ? UUID.randomUUID().toString() : id;
    }

    /** What this service needs to know about a person. */
    public record Person(UUID id, String role, boolean active, Instant updatedAt) {

        public boolean isPatient() {
            return "patient".equals(role);
        }
    }

}
