package org.hhms.dashboard.signin;

import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

import java.util.Map;

/**
 * The sign-in page (Spring Security handles its POST) and the dashboard's own health, in the services' format (for
 * run-local, compose and an operator; the gateway's {@code /health} leaves the dashboard out).
 */
@Controller
public class SignInController {

    @GetMapping("/sign-in")
    public String signIn(HttpSession session, Model model) {
        Object error = session.getAttribute("signInError");
        session.removeAttribute("signInError");
        model.addAttribute("error", error);
        return "sign-in";
    }

    @GetMapping("/health")
    @ResponseBody
    public Map<String, String> health() {
        return Map.of("service", "dashboard", "status", "healthy");
    }
}
