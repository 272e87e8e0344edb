package org.hhms.dashboard.patients;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.hhms.dashboard.api.ApiException;
import org.hhms.dashboard.api.HhmsApi;
import org.hhms.dashboard.api.Service;
import org.hhms.dashboard.api.UnresolvedAlerts;
import org.hhms.dashboard.signin.SignedIn;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * The home page's rows: the signed-in person's patients (a doctor's or caretaker's care teams; everyone for an
 * admin) with what the API lets them see of each, fetched in parallel. What a role may not see (a caretaker and
 * NEWS2) is left blank, not guessed.
 */
@Component
public class PatientBoard {

    static final int MAX_PATIENTS = 500;

    private final HhmsApi api;
    private final Clock clock;
    private final UnresolvedAlerts unresolved;

    public PatientBoard(HhmsApi api, UnresolvedAlerts unresolved, Clock clock) {
        this.unresolved = unresolved;
        this.api = api;
        this.clock = clock;
    }

    /** My patients: those of a doctor's or caretaker's care teams; every patient (up to 500) for an admin. */
    public JsonNode patients(SignedIn me) {
        return me.isAdmin() ? api.get(me, Service.USERS, "/users?role=patient&limit=" + MAX_PATIENTS)
                : api.get(me, Service.USERS, "/users/" + me.id() + "/patients");
    }

    public List<PatientRow> rows(SignedIn me) {
        JsonNode patients = patients(me);
        Map<UUID, List<JsonNode>> open = new HashMap<>();
        if (me.hasCareTeams()) {
            for (JsonNode alert : unresolved.ofMyPatients(me)) {
                open.computeIfAbsent(UUID.fromString(alert.get("patient_id").asString()), k -> new ArrayList<>())
                        .add(alert);
            }
        }
        Instant now = clock.instant();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<PatientRow>> rows = new ArrayList<>();
            for (JsonNode patient : patients) {
                UUID id = UUID.fromString(patient.get("id").asString());
                String name = patient.get("full_name").asString();
                rows.add(pool.submit(() -> row(me, id, name, me.hasCareTeams() ? open.getOrDefault(id, List.of())
                        : openAlerts(me, id), now)));
            }
            List<PatientRow> result = new ArrayList<>();
            for (Future<PatientRow> row : rows) {
                result.add(join(row));
            }
            result.sort(PatientRow.MOST_URGENT_FIRST);
            return result;
        }
    }

    /** One patient's row (the patient page's header). */
    public PatientRow row(SignedIn me, UUID id, String name) {
        return row(me, id, name, openAlerts(me, id), clock.instant());
    }

    private List<JsonNode> openAlerts(SignedIn me, UUID patient) {
        return unresolved.ofPatient(me, patient);
    }

    private PatientRow row(SignedIn me, UUID id, String name, List<JsonNode> openAlerts, Instant now) {
        JsonNode episode = null;
        boolean silent = false;
        for (JsonNode alert : openAlerts) {
            if ("stale_data".equals(alert.path("kind").asString(""))) {
                silent = true;
            } else if (episode == null || rank(alert) < rank(episode)) {
                episode = alert;
            }
        }
        JsonNode latest = api.getOrNull(me, Service.PATIENT_DATA, "/patient/" + id + "/latest", 404, 403);
        // The API refuses caretakers a patient's NEWS2 (docs/security.md): not asked for, rather than refused.
        JsonNode news2 = me.role().equals("caretaker") ? null
                : api.getOrNull(me, Service.ANALYTICS, "/analytics/news2/" + id, 404, 403);
        List<PatientRow.LatestValue> values = new ArrayList<>();
        String lastSeen = "";
        if (latest != null) {
            JsonNode measured = latest.path("measured_at");
            for (Vital vital : Vital.ALL) {
                JsonNode value = latest.get(vital.key());
                if (value != null && !value.isNull()) {
                    Instant at = measured.hasNonNull(vital.key()) ? Instant.parse(measured.get(vital.key()).asString())
                            : null;
                    values.add(new PatientRow.LatestValue(vital, number(value), Ages.since(at, now)));
                }
            }
            if (latest.hasNonNull("timestamp")) {
                lastSeen = Ages.since(Instant.parse(latest.get("timestamp").asString()), now);
            }
        }
        Integer score = news2 == null ? null : news2.path("score").asInt();
        Double usual = news2 != null && news2.hasNonNull("baseline") ? news2.get("baseline").asDouble() : null;
        return new PatientRow(id, name, episode == null ? null : episode.get("severity").asString(),
                episode == null ? null : episode.get("message").asString(),
                episode == null ? null : episode.get("status").asString(), score, usual, values, silent, lastSeen);
    }

    private static int rank(JsonNode alert) {
        return switch (alert.path("severity").asString("")) {
            case "critical" -> 0;
            case "warning" -> 1;
            default -> 2;
        };
    }

    /** A value as a person reads it: 88, 37.2. */
    static String number(JsonNode value) {
        double d = value.asDouble();
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(Math.round(d * 10) / 10.0);
    }

    private static <T> T join(Future<T> future) {
        try {
            return future.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "interrupted");
        }
    }
}
