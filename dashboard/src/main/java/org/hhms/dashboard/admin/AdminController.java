package org.hhms.dashboard.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.hhms.dashboard.api.ApiException;
import org.hhms.dashboard.api.HhmsApi;
import org.hhms.dashboard.api.Service;
import org.hhms.dashboard.signin.SignedIn;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import tools.jackson.databind.JsonNode;

/**
 * People, care teams and devices, for admins and doctors (who may register patients and caretakers and the devices
 * of their own patients: the API decides, and a refusal shows with its words). A new device's token is shown once,
 * on the page that registered it, and is never stored by the dashboard.
 */
@Controller
public class AdminController {

    private final HhmsApi api;

    public AdminController(HhmsApi api) {
        this.api = api;
    }

    @GetMapping("/admin")
    public String admin(@AuthenticationPrincipal SignedIn me, Model model) {
        model.addAttribute("people", me.isAdmin() ? api.get(me, Service.USERS, "/users?limit=1000")
                : api.get(me, Service.USERS, "/users/" + me.id() + "/patients"));
        return "admin";
    }

    @PostMapping("/admin/people")
    public String register(@AuthenticationPrincipal SignedIn me, @RequestParam String email,
            @RequestParam("full_name") String fullName, @RequestParam String role,
            @RequestParam(required = false) String phone, @RequestParam(required = false) String password,
            RedirectAttributes flash) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", email);
        body.put("full_name", fullName);
        body.put("role", role);
        if (phone != null && !phone.isBlank()) {
            body.put("phone", phone.trim());
        }
        if (password != null && !password.isEmpty()) {
            body.put("password", password);
        }
        return outcome(flash, () -> "Registered " + api.post(me, Service.USERS, "/users/register", body)
                .get("full_name").asString());
    }

    @PostMapping("/admin/care-team")
    public String addToTeam(@AuthenticationPrincipal SignedIn me, @RequestParam("patient_id") UUID patient,
            @RequestParam("member_id") UUID member, RedirectAttributes flash) {
        return outcome(flash, () -> {
            api.post(me, Service.USERS, "/users/" + patient + "/care-team", Map.of("member_id", member));
            return "Added to the care team";
        });
    }

    @GetMapping("/admin/patients/{patient}/devices")
    public String devices(@AuthenticationPrincipal SignedIn me, @PathVariable UUID patient, Model model) {
        model.addAttribute("patient", api.get(me, Service.USERS, "/users/" + patient));
        model.addAttribute("devices", api.get(me, Service.USERS, "/users/" + patient + "/devices"));
        return "devices";
    }

    @PostMapping("/admin/patients/{patient}/devices")
    public String registerDevice(@AuthenticationPrincipal SignedIn me, @PathVariable UUID patient,
            @RequestParam("device_id") String deviceId, @RequestParam(required = false) String description,
            Model model) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("device_id", deviceId);
        if (description != null && !description.isBlank()) {
            body.put("description", description.trim());
        }
        try {
            JsonNode device = api.post(me, Service.USERS, "/users/" + patient + "/devices", body);
            model.addAttribute("created", device);
        } catch (ApiException e) {
            if (e.status() != 400 && e.status() != 409) {
                throw e;
            }
            model.addAttribute("error", e.getMessage());
        }
        return devices(me, patient, model);
    }

    @PostMapping("/admin/patients/{patient}/devices/{device}/revoke")
    public String revoke(@AuthenticationPrincipal SignedIn me, @PathVariable UUID patient,
            @PathVariable UUID device) {
        api.delete(me, Service.USERS, "/users/" + patient + "/devices/" + device);
        return "redirect:/admin/patients/" + patient + "/devices";
    }

    private static String outcome(RedirectAttributes flash, java.util.function.Supplier<String> change) {
        try {
            flash.addFlashAttribute("done", change.get());
        } catch (ApiException e) {
            if (e.status() >= 500) {
                throw e;
            }
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/admin";
    }
}
