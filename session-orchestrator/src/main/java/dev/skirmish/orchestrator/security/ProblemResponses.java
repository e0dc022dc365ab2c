package dev.skirmish.orchestrator.security;

import dev.skirmish.websupport.ProblemCount;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
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
        ProblemCount.count(code);
        // the fields of a ProblemDetail as the MVC handlers render it, with "code" at the top level
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "about:blank");
        p.put("title", title);
        p.put("status", status.value());
        p.put("detail", detail);
        p.put("code", code);
        response.resetBuffer();
        response.setStatus(status.value());
        response.setContentType("application/problem+json");
        response.getWriter().write(JSON.writeValueAsString(p));
        response.flushBuffer();
    }
}
