package org.hhms.dashboard.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.hhms.dashboard.signin.SignedIn;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * Alerts not yet resolved: those nobody has answered ({@code status=open}) first, newest first, then those
 * acknowledged and still going on (someone is on it, but the episode has not ended and may still be resolved or
 * called a false alarm).
 */
@Component
public class UnresolvedAlerts {

    private static final Comparator<JsonNode> NEWEST_FIRST = Comparator.comparing(
            (JsonNode alert) -> alert.get("created_at").asString()).reversed();

    private final HhmsApi api;

    public UnresolvedAlerts(HhmsApi api) {
        this.api = api;
    }

    /** Of the patients whose care team I am on (doctors and caretakers). */
    public List<JsonNode> ofMyPatients(SignedIn me) {
        return both(status -> api.get(me, Service.ALERTS, "/alerts?doctor_id=" + me.id() + "&status=" + status));
    }

    /** Of one patient. */
    public List<JsonNode> ofPatient(SignedIn me, UUID patient) {
        return both(status -> api.get(me, Service.ALERTS, "/alerts/" + patient + "?status=" + status));
    }

    /** Of several patients (an admin's view), in the same order. */
    public List<JsonNode> ofPatients(SignedIn me, Iterable<UUID> patients) {
        return both(status -> {
            List<JsonNode> alerts = new ArrayList<>();
            for (UUID patient : patients) {
                api.get(me, Service.ALERTS, "/alerts/" + patient + "?status=" + status).forEach(alerts::add);
            }
            return alerts;
        });
    }

    private static List<JsonNode> both(Function<String, Iterable<JsonNode>> list) {
        List<JsonNode> open = new ArrayList<>();
        List<JsonNode> acknowledged = new ArrayList<>();
        list.apply("open").forEach(open::add);
        list.apply("acknowledged").forEach(acknowledged::add);
        open.sort(NEWEST_FIRST);
        acknowledged.sort(NEWEST_FIRST);
        List<JsonNode> all = new ArrayList<>(open);
        all.addAll(acknowledged);
        return all;
    }
}
