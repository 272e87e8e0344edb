package org.hhms.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * The texts HHMS sent about each patient, read back from the alerts API after a run: what the care team actually
 * received, which is what alarm fatigue is measured in (not alerts, not anomalies).
 */
final class Pages {

    /** One text that went out: about which alert (kind, when it ended), why (purpose), when. */
    record Page(String alertId, String kind, String purpose, Instant sentAt, Instant alertResolvedAt) {

        boolean clinical() {
            return !"stale_data".equals(kind);
        }

        /** A page asks someone to act; an all-clear tells them they need not. */
        boolean asksToAct() {
            return !"all_clear".equals(purpose);
        }
    }

    private Pages() {
    }

    /** Every text sent about each patient (by patient id), oldest first. */
    static Map<String, List<Page>> of(Api api, String adminToken, List<Cohort.Member> members) {
        Map<String, List<Page>> pages = new HashMap<>();
        for (Cohort.Member m : members) {
            List<Page> sent = new ArrayList<>();
            JsonNode alerts = api.call("GET", "/alerts/" + m.patientId(), adminToken, null)
                    .require(200, "alerts of " + m.patientId());
            for (JsonNode alert : alerts) {
                String id = alert.get("id").asString();
                Instant resolved = instant(alert.get("resolved_at"));
                JsonNode notifications = api.call("GET", "/alerts/" + id + "/notifications", adminToken, null)
                        .require(200, "notifications of alert " + id);
                for (JsonNode n : notifications) {
                    if ("sent".equals(n.get("status").asString())) {
                        sent.add(new Page(id, alert.get("kind").asString(), n.get("purpose").asString(),
                                instant(n.get("sent_at")), resolved));
                    }
                }
            }
            sent.sort((a, b) -> a.sentAt().compareTo(b.sentAt()));
            pages.put(m.patientId(), sent);
        }
        return pages;
    }

    /**
     * When the care team was first asked to act about the patient's clinical state at or after {@code crossing}:
     * the first page of an alert still open then (it may have gone out before: the team already knew), or of one
     * opened later. Null when nobody was paged.
     */
    static Instant firstPageFor(List<Page> pages, Instant crossing) {
        Map<String, Instant> firstOfAlert = new HashMap<>();
        for (Page p : pages) {
            if (p.clinical() && p.asksToAct() && (p.alertResolvedAt() == null || !p.alertResolvedAt().isBefore(crossing))) {
                firstOfAlert.merge(p.alertId(), p.sentAt(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        return firstOfAlert.values().stream().map(t -> t.isBefore(crossing) ? crossing : t).min(Instant::compareTo)
                .orElse(null);
    }

    private static Instant instant(JsonNode node) {
        return node == null || node.isNull() ? null : Instant.parse(node.asString());
    }
}
