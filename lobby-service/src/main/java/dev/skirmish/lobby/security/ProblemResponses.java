package dev.skirmish.lobby.security;

import dev.skirmish.lobby.web.ProblemHandler;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Security refusals leave as the same RFC 9457 problem details as every other error (status, {@code code},
 * {@code detail}, {@code instance}), written here because they happen before any controller.
 */
final class ProblemResponses {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemResponses() {
    }

    static AuthenticationEntryPoint unauthorized(String detail) {
        return (request, response, e) -> write(response, HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", detail, request.getRequestURI());
    }

    /** A denial answered as a missing credential, where no caller can have one (a chain that authenticates no one). */
    static AccessDeniedHandler unauthorizedDenial(String detail) {
        return (request, response, e) -> write(response, HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", detail, request.getRequestURI());
    }

    static AccessDeniedHandler forbidden(String detail) {
        return (request, response, e) -> write(response, HttpStatus.FORBIDDEN, "FORBIDDEN", detail, request.getRequestURI());
    }

    static void write(HttpServletResponse response, HttpStatus status, String code, String detail, String instance) throws IOException {
        if (response.isCommitted()) return;
        var problem = ProblemHandler.problem(status, code, detail);
        // ProblemDetail's own JSON form needs Spring's mixin; the fields are few, so they are laid out here
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        if (instance != null && !safePath(instance).isEmpty()) body.put("instance", safePath(instance));
        body.put("code", code);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (status == HttpStatus.UNAUTHORIZED) response.setHeader("WWW-Authenticate", "Bearer");
        response.getOutputStream().write(JSON.writeValueAsBytes(body));
    }

    /** The path echoed back only when it is plain (the firewall's refusals carry whatever the attacker sent). */
    private static String safePath(String path) {
        return path.matches("[A-Za-z0-9/_.{}-]{1,200}") ? path : "";
    }
}
