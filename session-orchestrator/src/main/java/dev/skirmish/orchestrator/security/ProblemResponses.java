package dev.skirmish.orchestrator.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/** Refusals of the security filters, written as RFC 9457 problem details like every other error of the API. */
final class ProblemResponses {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemResponses() {
    }

    static void write(HttpServletResponse response, HttpStatus status, String title, String detail, String code)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        p.setProperty("code", code);
        response.resetBuffer();
        response.setStatus(status.value());
        response.setContentType("application/problem+json");
        response.getWriter().write(JSON.writeValueAsString(p));
        response.flushBuffer();
    }
}
