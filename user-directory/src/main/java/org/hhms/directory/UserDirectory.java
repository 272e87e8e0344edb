package org.hhms.directory;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.hhms.contracts.TraceIds;
import org.hhms.contracts.events.CareTeamChanged;
import org.hhms.security.ServiceTokens;
import org.hhms.web.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The user-service as the other services ask it, off their hot paths: a person, a patient's care team, a doctor's
 * patients. One timeout policy for every question (1 s to connect, {@value #READ_TIMEOUT_SECONDS} s to answer),
 * every call signed with this service's token and carrying the request id. A 404 is an empty answer; a user-service
 * that cannot be reached (or fails) is a {@link Unavailable} — a 503 for the caller's client, never a guess.
 */
public class UserDirectory {

    static final int READ_TIMEOUT_SECONDS = 3;

    private final RestClient users;
    /**
     * The user-service's JSON: snake_case; fields this version does not know are ignored, and a flag or number it
     * leaves out reads as false or 0 (as the user-service's own records default them).
     */
    private final JsonMapper json = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    public UserDirectory(URI userServiceUrl, ServiceTokens tokens) {
        this.users = tokens.client(userServiceUrl, Duration.ofSeconds(READ_TIMEOUT_SECONDS));
    }

    /** What the other services need to know of a person (the user JSON of {@code GET /users/{id}}). */
    public record Person(UUID id, String role, boolean isActive, Instant updatedAt) {

        public boolean isPatient() {
            return "patient".equals(role);
        }
    }

    /** The user-service could not be asked (unreachable, too slow, or it failed): a 503 the client may retry. */
    public static final class Unavailable extends ApiProblem {
        Unavailable(String question) {
            super(HttpStatus.SERVICE_UNAVAILABLE, "The user-service cannot be reached to " + question
                    + "; nothing was read or changed. Retry later.");
            getHeaders().set("Retry-After", "5");
        }
    }

    /** The active person with this id, or empty when the user-service does not know them. */
    public Optional<Person> person(UUID id) {
        try {
            return Optional.of(json.readValue(users.get().uri("/users/{id}", id).header(TraceIds.HEADER, requestId())
                    .retrieve().body(String.class), Person.class));
        } catch (HttpClientErrorException.NotFound e) {
            return Optional.empty();
        } catch (RestClientException | JacksonException e) {
            throw new Unavailable("look up this person");
        }
    }

    /** The patient's care team in escalation order; empty when the user-service does not know the patient. */
    public Optional<List<CareTeamChanged.Member>> careTeam(UUID patientId) {
        try {
            CareTeamChanged team = json.readValue(users.get().uri("/users/{id}/care-team", patientId)
                    .header(TraceIds.HEADER, requestId()).retrieve().body(String.class), CareTeamChanged.class);
            return Optional.of(team.members());
        } catch (HttpClientErrorException.NotFound | HttpClientErrorException.BadRequest e) {
            return Optional.empty();
        } catch (RestClientException | JacksonException e) {
            throw new Unavailable("check this patient's care team");
        }
    }

    /** The active patients of a doctor; the user-service's 404 (no such doctor) and 400 (not a doctor) pass on. */
    public List<UUID> patientsOf(UUID doctorId) {
        try {
            Person[] patients = json.readValue(users.get().uri("/users/{id}/patients", doctorId)
                    .header(TraceIds.HEADER, requestId()).retrieve().body(String.class), Person[].class);
            return Arrays.stream(patients).map(Person::id).toList();
        } catch (HttpClientErrorException e) {
            throw new ApiProblem(e.getStatusCode(), problemDetail(e));
        } catch (RestClientException | JacksonException e) {
            throw new Unavailable("list this doctor's patients");
        }
    }

    /** The detail of the user-service's problem, to pass on as ours. */
    private String problemDetail(HttpClientErrorException e) {
        try {
            JsonNode problem = json.readTree(e.getResponseBodyAsString());
            return problem.path("detail").asString(e.getStatusText());
        } catch (JacksonException notJson) {
            return e.getStatusText();
        }
    }

    private static String requestId() {
        String id = TraceIds.current();
        return id == null ? UUID.randomUUID().toString() : id;
    }
}
