package org.hhms.analytics.patients;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.hhms.security.ServiceTokens;
import org.hhms.analytics.config.AnalyticsProperties;
import org.hhms.analytics.stream.VitalEventHandler;
import org.hhms.analytics.stream.VitalReading;
import org.hhms.web.ApiProblem;
import org.hhms.web.RequestIdFilter;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * What analytics asks other services, off the stream path: whether a patient exists (user-service) and the stored
 * readings to re-evaluate (patient-data-service).
 */
@Component
public class PatientDirectory {

    private final RestClient users;
    private final RestClient vitals;
    private final ObjectMapper mapper;

    public PatientDirectory(AnalyticsProperties properties, ObjectMapper mapper, ServiceTokens serviceTokens) {
        this.users = serviceTokens.client(properties.userServiceUrl(), Duration.ofSeconds(10));
        this.vitals = serviceTokens.client(properties.patientDataUrl(), Duration.ofSeconds(10));
        this.mapper = mapper;
    }

    /** Returns when the id is an active patient; a 404 otherwise, a 503 when the user-service cannot tell. */
    public void requirePatient(UUID patientId) {
        try {
            JsonNode user = mapper.readTree(users.get().uri("/users/{id}", patientId)
                    .header("X-Request-ID", requestId()).retrieve().body(String.class));
            if (!"patient".equals(user.path("role").asString(""))) {
                throw ApiProblem.notFound("User " + patientId + " is not a patient");
            }
        } catch (HttpClientErrorException.NotFound e) {
            throw ApiProblem.notFound("No active patient with id " + patientId);
        } catch (RestClientException e) {
            throw ApiProblem.unavailable("The user-service cannot be reached; nothing was changed. Retry later.");
        }
    }

    /** Stored readings of a patient in [from, to], oldest first, from the patient-data-service. */
    public List<VitalReading> readings(UUID patientId, Instant from, Instant to) {
        try {
            String body = vitals.get().uri(uri -> uri.path("/patient/{id}/history/telemetry")
                    .queryParam("start_time", from).queryParam("end_time", to).build(patientId))
                    .header("X-Request-ID", requestId()).retrieve().body(String.class);
            List<VitalReading> readings = new ArrayList<>();
            mapper.readTree(body).valueStream().forEach(r -> readings.add(
                    VitalEventHandler.parse(r, RequestIdFilter.current())));
            return readings;
        } catch (HttpClientErrorException.NotFound e) {
            throw ApiProblem.notFound("No active patient with id " + patientId);
        } catch (HttpClientErrorException e) {
            throw new ApiProblem(e.getStatusCode(), "patient-data-service answered " + e.getStatusCode().value()
                    + ": " + e.getResponseBodyAsString());
        } catch (RestClientException e) {
            throw ApiProblem.unavailable("The patient-data-service cannot be reached; nothing was changed. Retry later.");
        }
    }

    private static String requestId() {
        String id = RequestIdFilter.current();
        return id == null ? UUID.randomUUID().toString() : id;
    }
}
