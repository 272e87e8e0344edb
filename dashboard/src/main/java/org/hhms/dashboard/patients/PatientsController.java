package org.hhms.dashboard.patients;

import org.hhms.dashboard.signin.SignedIn;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The home page: my patients, most urgent first; its rows refresh by themselves (htmx) and on every alert. */
@Controller
public class PatientsController {

    private final PatientBoard board;

    public PatientsController(PatientBoard board) {
        this.board = board;
    }

    @GetMapping("/")
    public String home(@AuthenticationPrincipal SignedIn me, Model model) {
        model.addAttribute("rows", board.rows(me));
        return "patients";
    }

    @GetMapping("/patients/rows")
    public String rows(@AuthenticationPrincipal SignedIn me, Model model) {
        model.addAttribute("rows", board.rows(me));
        return "patients :: rows";
    }
}
