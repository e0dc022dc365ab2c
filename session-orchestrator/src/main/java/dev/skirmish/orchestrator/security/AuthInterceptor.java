package dev.skirmish.orchestrator.security;

import dev.skirmish.orchestrator.config.ServiceKeyProperties;
import dev.skirmish.orchestrator.sessions.LiveSession;
import dev.skirmish.orchestrator.sessions.SessionRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * {@code /api/**} needs the shared service key; {@code /internal/sessions/{id}/**} needs that session's own key
 * (so one game server cannot report for another). Keys are compared in constant time.
 */
@Component
public class AuthInterceptor implements HandlerInterceptor {
    private static final Logger log = LoggerFactory.getLogger(AuthInterceptor.class);
    private static final String PREFIX = "/internal/sessions/";

    private final byte[] serviceKey;
    private final SessionRegistry registry;

    public AuthInterceptor(ServiceKeyProperties keys, SessionRegistry registry) {
        this.serviceKey = keys.serviceKey().getBytes(StandardCharsets.UTF_8);
        this.registry = registry;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String presented = bearer(request);
        if (path.startsWith(PREFIX)) {
            String rest = path.substring(PREFIX.length());
            String id = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
            Optional<LiveSession> live = registry.find(id);
            if (live.isEmpty()) {
                return deny(response, 404, "Session not found", "no live session " + id);
            }
            if (presented == null || !MessageDigest.isEqual(
                    presented.getBytes(StandardCharsets.UTF_8), live.get().sessionKeyBase64().getBytes(StandardCharsets.UTF_8))) {
                log.warn("callback for session {} with a wrong session key from {}", id, request.getRemoteAddr());
                return deny(response, 401, "Unauthorized", "a game-server callback needs its session key as bearer token");
            }
            return true;
        }
        if (presented == null || !MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), serviceKey)) {
            return deny(response, 401, "Unauthorized", "this API needs the service key as bearer token");
        }
        return true;
    }

    private static String bearer(HttpServletRequest request) {
        String h = request.getHeader("Authorization");
        return h != null && h.regionMatches(true, 0, "Bearer ", 0, 7) ? h.substring(7).strip() : null;
    }

    private static boolean deny(HttpServletResponse response, int status, String title, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail.replace("\"", "'") + "\"}");
        return false;
    }
}
