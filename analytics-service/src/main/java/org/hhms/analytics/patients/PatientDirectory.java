package org.hhms.analytics.patients;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.hhms.analytics.config.AnalyticsProperties;
import org.hhms.contracts.TraceIds;
import org.hhms.contracts.events.VitalRecorded;
import org.hhms.directory.UserDirectory;
import org.hhms.security.ServiceTokens;
import org.hhms.web.ApiProblem;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import tools.jackson.databind.ObjectMapper;

/**
 * What analytics asks other services, off the stream path: whether a patient exists (user-service) and the stored
 * readings to re-evaluate (patient-data-service).
 */
@Component
public class PatientDirectory {

    private final UserDirectory users;
    private final RestClient vitals;
    private final ObjectMapper mapper;

    public PatientDirectory(UserDirectory users, AnalyticsProperties properties, ObjectMapper mapper,
            ServiceTokens serviceTokens) {
        this.users = users;
        this.vitals = serviceTokens.client(properties.patientDataUrl(), Duration.ofSeconds(10));
        this.mapper = mapper;
    }

    /** Returns when the id is an active patient; a 404 otherwise, a 503 when the user-service cannot tell. */
    public void requirePatient(UUID patientId) {
        UserDirectory.Person person = users.person(patientId)
                .orElseThrow(() -> ApiProblem.notFound("No active patient with id " + patientId));
        if (!person.isPatient()) {
            throw ApiProblem.notFound("User " + patientId + " is not a patient");
        }
    }

    /** Stored readings of a patient in [from, to], oldest first, from the patient-data-service. */
    public List<VitalRecorded> readings(UUID patientId, Instant from, Instant to) {
        try {
            String body = vitals.get().uri(uri -> uri.path("/patient/{id}/history/telemetry")
                    .queryParam("start_time", from).queryParam("end_time", to).build(patientId))
                    .header(TraceIds.HEADER, requestId()).retrieve().body(String.class);
            return Arrays.stream(mapper.readValue(body, StoredReading[].class))
                    .map(StoredReading::recorded).toList();
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
        String id = TraceIds.current();
        return id == null ? UUID.randomUUID().toString() : id;
    }
}
