package org.hhms.dashboard.inbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hhms.dashboard.api.ApiException;
import org.hhms.dashboard.api.HhmsApi;
import org.hhms.dashboard.api.Service;
import org.hhms.dashboard.api.UnresolvedAlerts;
import org.hhms.dashboard.patients.PatientBoard;
import org.hhms.dashboard.signin.SignedIn;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import tools.jackson.databind.JsonNode;

/**
 * The inbox: my patients' alerts not yet resolved (unanswered first, newest first), refreshed live from the alerts stream
 * ({@link AlertRelay}); each can be acknowledged, resolved, called a false alarm or snoozed, with a note, as the
 * person signed in (the API checks they may).
 */
@Controller
public class InboxController {

    private final HhmsApi api;
    private final AlertRelay relay;
    private final UnresolvedAlerts unresolved;
    private final PatientBoard board;

    public InboxController(HhmsApi api, AlertRelay relay, UnresolvedAlerts unresolved, PatientBoard board) {
        this.api = api;
        this.relay = relay;
        this.unresolved = unresolved;
        this.board = board;
    }

    @GetMapping("/inbox")
    public String inbox(@AuthenticationPrincipal SignedIn me, Model model) {
        show(me, model);
        return "inbox";
    }

    @GetMapping("/inbox/list")
    public String list(@AuthenticationPrincipal SignedIn me, Model model) {
        show(me, model);
        return "inbox :: list";
    }

    /** {@code status}: acknowledged, resolved or false_alarm. */
    @PostMapping("/inbox/{alertId}/answer")
    public String answer(@AuthenticationPrincipal SignedIn me, @PathVariable UUID alertId,
            @RequestParam String status, @RequestParam(required = false) String note, Model model) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("doctor_id", me.id());
        if (note != null && !note.isBlank()) {
            body.put("note", note.trim());
        }
        return answered(me, model, () -> api.post(me, Service.ALERTS, "/alerts/" + alertId + "/acknowledge", body));
    }

    @PostMapping("/inbox/{alertId}/snooze")
    public String snooze(@AuthenticationPrincipal SignedIn me, @PathVariable UUID alertId,
            @RequestParam String minutes, @RequestParam(required = false) String note, Model model) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("minutes", minutes.matches("\\d{1,6}") ? Integer.parseInt(minutes) : minutes);
        if (note != null && !note.isBlank()) {
            body.put("note", note.trim());
        }
        return answered(me, model, () -> api.post(me, Service.ALERTS, "/alerts/" + alertId + "/snooze", body));
    }

    /** Server-sent events for this page: {@code alert} whenever one of my patients' alerts changes. */
    @GetMapping(path = "/inbox/events", produces = "text/event-stream")
    public SseEmitter events(@AuthenticationPrincipal SignedIn me) {
        return relay.open(me);
    }

    /**
     * The list after an answer; one the API refused (a 400 naming the field, a 409 "already resolved") is said above
     * the list, which stays as it is in the API.
     */
    private String answered(SignedIn me, Model model, Runnable answer) {
        try {
            answer.run();
        } catch (ApiException e) {
            if (e.status() >= 500) {
                throw e;
            }
            model.addAttribute("error", e.getMessage());
        }
        return list(me, model);
    }

    /** The unresolved alerts and my patients' names (asked once: an admin's alerts are asked per patient). */
    private void show(SignedIn me, Model model) {
        Map<UUID, String> names = new LinkedHashMap<>();
        for (JsonNode patient : board.patients(me)) {
            names.put(UUID.fromString(patient.get("id").asString()), patient.get("full_name").asString());
        }
        model.addAttribute("names", names);
        model.addAttribute("alerts", me.hasCareTeams() ? unresolved.ofMyPatients(me)
                : unresolved.ofPatients(me, names.keySet()));
    }
}
