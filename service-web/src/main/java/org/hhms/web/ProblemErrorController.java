package org.hhms.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.hhms.contracts.TraceIds;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The servlet container's error page (an error no handler answered, e.g. thrown by a filter) as problem details
 * like every other error, instead of Spring Boot's own JSON; {@code /error} called directly is a 404.
 */
@org.springframework.web.bind.annotation.RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value) : HttpStatus.NOT_FOUND;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String detail = code == null ? "No route for " + request.getRequestURI()
                : status.is5xxServerError()
                        ? "Internal error. Quote request id " + TraceIds.current() + " when reporting it."
                        : status.getReasonPhrase() + (uri == null ? "" : " (" + uri + ")");
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        if (TraceIds.current() != null) {
            problem.setProperty("request_id", TraceIds.current());
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
