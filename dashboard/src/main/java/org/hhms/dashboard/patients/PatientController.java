package org.hhms.dashboard.patients;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hhms.dashboard.api.ApiException;
import org.hhms.dashboard.api.HhmsApi;
import org.hhms.dashboard.api.Service;
import org.hhms.dashboard.signin.SignedIn;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import tools.jackson.databind.JsonNode;

/**
 * One patient: the charts of each vital over 6 h, 24 h or 7 d with the patient's limits and alert markers, the
 * episodes with their notes, the care team, and the care plan (a doctor edits it). Each part is what the API gives
 * this person: a caretaker, who may not read a patient's history or care plan, sees the latest values and episodes.
 */
@Controller
public class PatientController {

    /** Ranges a chart offers; up to 24 h the readings themselves, beyond that hourly aggregates (min, avg, max). */
    static final Map<String, Duration> RANGES = Map.of("6h", Duration.ofHours(6), "24h", Duration.ofHours(24),
            "7d", Duration.ofDays(7));

    private final HhmsApi api;
    private final PatientBoard board;
    private final Clock clock;

    public PatientController(HhmsApi api, PatientBoard board, Clock clock) {
        this.api = api;
        this.board = board;
        this.clock = clock;
    }

    @GetMapping("/patients/{id}")
    public String patient(@AuthenticationPrincipal SignedIn me, @PathVariable UUID id, Model model) {
        JsonNode patient = api.get(me, Service.USERS, "/users/" + id);
        model.addAttribute("patient", patient);
        model.addAttribute("row", board.row(me, id, patient.get("full_name").asString()));
        model.addAttribute("episodes", api.get(me, Service.ALERTS, "/alerts/" + id));
        model.addAttribute("team", api.get(me, Service.USERS, "/users/" + id + "/care-team").get("members"));
        model.addAttribute("charts", !me.role().equals("caretaker"));
        model.addAttribute("vitals", Vital.ALL);
        return "patient";
    }

    /**
     * The chart data of every vital over a range, as JSON for the page's charts: per vital the points
     * ({@code t} epoch seconds, {@code v}, or {@code min/avg/max} per hour), the limits in force, and the alerts'
     * times as markers. The browser gets values, never a token.
     */
    @GetMapping("/patients/{id}/chart")
    @ResponseBody
    public Map<String, Object> chart(@AuthenticationPrincipal SignedIn me, @PathVariable UUID id,
            @RequestParam(defaultValue = "6h") String range) {
        Duration span = RANGES.get(range);
        if (span == null) {
            throw new ApiException(400, "range must be 6h, 24h or 7d, not '" + range + "'");
        }
        Instant end = clock.instant();
        Instant start = end.minus(span);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("range", range);
        body.put("start", start.getEpochSecond());
        body.put("end", end.getEpochSecond());
        Map<String, Object> series = new LinkedHashMap<>();
        if (span.compareTo(Duration.ofHours(24)) <= 0) {
            JsonNode readings = api.get(me, Service.PATIENT_DATA, "/patient/" + id + "/history/telemetry?start_time="
                    + start + "&end_time=" + end);
            for (Vital vital : Vital.ALL) {
                List<double[]> points = new ArrayList<>();
                for (JsonNode reading : readings) {
                    JsonNode value = reading.get(vital.key());
                    if (value != null && !value.isNull()) {
                        points.add(new double[] {Instant.parse(reading.get("timestamp").asString()).getEpochSecond(),
                                value.asDouble()});
                    }
                }
                if (!points.isEmpty()) {
                    series.put(vital.key(), points);
                }
            }
        } else {
            for (Vital vital : Vital.ALL) {
                List<double[]> points = new ArrayList<>();
                for (JsonNode bucket : api.get(me, Service.PATIENT_DATA, "/patient/" + id + "/aggregates?metric="
                        + vital.key() + "&bucket=1h&start_time=" + start + "&end_time=" + end)) {
                    points.add(new double[] {Instant.parse(bucket.get("bucket_start").asString()).getEpochSecond(),
                            bucket.get("avg").asDouble(), bucket.get("min").asDouble(), bucket.get("max").asDouble()});
                }
                if (!points.isEmpty()) {
                    series.put(vital.key(), points);
                }
            }
        }
        Map<String, Object> limits = limits(me, id);
        news2(me, id, span, series, limits);
        body.put("series", series);
        body.put("limits", limits);
        List<Map<String, Object>> markers = new ArrayList<>();
        for (JsonNode alert : api.get(me, Service.ALERTS, "/alerts/" + id)) {
            Instant at = Instant.parse(alert.get("created_at").asString());
            if (!at.isBefore(start)) {
                markers.add(Map.of("t", at.getEpochSecond(), "severity", alert.get("severity").asString(),
                        "message", alert.get("message").asString()));
            }
        }
        body.put("alerts", markers);
        return body;
    }

    /**
     * The NEWS2 timeline: the lowest complete score of each hour (analytics keeps 3 days of them), drawn with the
     * RCP's urgent-response threshold of 5 as its limit (NEWS2, RCP 2017). Left out when this person may not read it.
     */
    private void news2(SignedIn me, UUID id, Duration span, Map<String, Object> series, Map<String, Object> limits) {
        long hours = Math.min(span.toHours(), 72);
        JsonNode hourly = api.getOrNull(me, Service.ANALYTICS, "/analytics/news2/" + id + "/hourly?hours=" + hours,
                403);
        if (hourly == null || hourly.isEmpty()) {
            return;
        }
        List<double[]> points = new ArrayList<>();
        for (JsonNode hour : hourly) {
            points.add(new double[] {Instant.parse(hour.get("hour").asString()).getEpochSecond(),
                    hour.get("lowest").asDouble()});
        }
        series.put("news2", points);
        Map<String, Object> urgent = new LinkedHashMap<>();
        urgent.put("min", null);
        urgent.put("max", 5.0);
        limits.put("news2", urgent);
    }

    /** Each vital's bounds in force (from the care plan), when this person may read it. */
    private Map<String, Object> limits(SignedIn me, UUID id) {
        Map<String, Object> limits = new LinkedHashMap<>();
        JsonNode plan = api.getOrNull(me, Service.ANALYTICS, "/analytics/care-plan/" + id, 403);
        if (plan != null) {
            for (JsonNode rule : plan.get("metrics")) {
                Map<String, Object> bounds = new LinkedHashMap<>();
                bounds.put("min", rule.hasNonNull("min") ? rule.get("min").asDouble() : null);
                bounds.put("max", rule.hasNonNull("max") ? rule.get("max").asDouble() : null);
                limits.put(rule.get("metric").asString(), bounds);
            }
        }
        return limits;
    }

    /** The care plan as it applies, with a form for doctors (the API refuses anyone else: a 403 page). */
    @GetMapping("/patients/{id}/care-plan")
    public String carePlan(@AuthenticationPrincipal SignedIn me, @PathVariable UUID id, Model model) {
        model.addAttribute("patient", api.get(me, Service.USERS, "/users/" + id));
        model.addAttribute("plan", api.get(me, Service.ANALYTICS, "/analytics/care-plan/" + id));
        return "care-plan";
    }

    /**
     * Saves a doctor's change: per metric {@code <metric>.min}, {@code .max} (a number, {@code off} or empty for
     * the default) and {@code .confirm}, the SpO2 scale and the reason the API requires. What the API refuses is
     * shown on the page with its words, and nothing changes.
     */
    @PostMapping("/patients/{id}/care-plan")
    public String saveCarePlan(@AuthenticationPrincipal SignedIn me, @PathVariable UUID id,
            @RequestParam MultiValueMap<String, String> form, Model model) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        for (Vital vital : Vital.ALL) {
            Map<String, Object> rule = new LinkedHashMap<>();
            bound(form.getFirst(vital.key() + ".min"), "min", rule);
            bound(form.getFirst(vital.key() + ".max"), "max", rule);
            String confirm = form.getFirst(vital.key() + ".confirm");
            if (confirm != null) {
                rule.put("confirm_after_seconds", confirm.isBlank() ? "default" : number(confirm));
            }
            if (!rule.isEmpty()) {
                metrics.put(vital.key(), rule);
            }
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("reason", form.getFirst("reason"));
        String scale = form.getFirst("spo2_scale");
        if (scale != null && !scale.isBlank()) {
            request.put("spo2_scale", number(scale));
        }
        request.put("metrics", metrics);
        try {
            api.put(me, Service.ANALYTICS, "/analytics/care-plan/" + id, request);
        } catch (ApiException e) {
            if (e.status() != 400) {
                throw e;
            }
            model.addAttribute("error", e.getMessage());
            model.addAttribute("patient", api.get(me, Service.USERS, "/users/" + id));
            model.addAttribute("plan", api.get(me, Service.ANALYTICS, "/analytics/care-plan/" + id));
            return "care-plan";
        }
        return "redirect:/patients/" + id + "/care-plan?saved";
    }

    private static void bound(String value, String name, Map<String, Object> rule) {
        if (value == null) {
            return;
        }
        String trimmed = value.trim();
        rule.put(name, trimmed.isEmpty() ? "default" : trimmed.equalsIgnoreCase("off") ? "off" : number(trimmed));
    }

    /** A number as typed, or the text itself so that the API names what is wrong with it. */
    private static Object number(String text) {
        try {
            String trimmed = text.trim();
            return trimmed.matches("-?\\d{1,9}") ? (Object) Integer.valueOf(trimmed) : Double.valueOf(trimmed);
        } catch (NumberFormatException e) {
            return text.trim();
        }
    }
}
