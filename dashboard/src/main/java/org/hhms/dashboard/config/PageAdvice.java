package org.hhms.dashboard.config;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.hhms.dashboard.api.ApiException;
import org.hhms.dashboard.api.SessionEnded;
import org.hhms.dashboard.signin.SignedIn;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page knows (who is signed in), and how errors show: the API's own words on a page with its status
 * (403 "not yours to see", 404, 503 "try again"); an ended session goes back to the sign-in page.
 */
@ControllerAdvice
public class PageAdvice {

    @ModelAttribute("me")
    public SignedIn me(@AuthenticationPrincipal SignedIn me) {
        return me;
    }

    @ExceptionHandler(SessionEnded.class)
    public String sessionEnded(HttpServletRequest request, HttpServletResponse response) {
        request.getSession().invalidate();
        if (request.getHeader("HX-Request") != null) {
            response.setHeader("HX-Redirect", "/sign-in?expired");
            response.setStatus(401);
            return "fragments :: empty";
        }
        return "redirect:/sign-in?expired";
    }

    @ExceptionHandler(ApiException.class)
    public String apiError(ApiException e, HttpServletRequest request, HttpServletResponse response, Model model) {
        response.setStatus(e.status() >= 500 ? 503 : e.status());
        if (e.status() >= 500) {
            response.setHeader("Retry-After", "5");
        }
        // An exception handler's model is a new one: who is signed in is added again for the page's header.
        model.addAttribute("me", SecurityContextHolder.getContext().getAuthentication() != null
                && SecurityContextHolder.getContext().getAuthentication().getPrincipal() instanceof SignedIn who ? who : null);
        model.addAttribute("status", e.status());
        model.addAttribute("detail", e.getMessage());
        return request.getHeader("HX-Request") != null ? "fragments :: problem" : "problem";
    }
}
