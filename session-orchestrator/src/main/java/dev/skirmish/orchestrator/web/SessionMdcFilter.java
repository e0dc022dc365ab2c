package dev.skirmish.orchestrator.web;

import dev.skirmish.orchestrator.logging.SessionMdc;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Requests about one session (its API and the game server's callbacks) log with that session's id. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class SessionMdcFilter extends OncePerRequestFilter {
    private static final Pattern SESSION_PATH = Pattern.compile("^/(?:api|internal)/sessions/([A-Za-z0-9_-]{1,64})(?:/.*)?$");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher m = SESSION_PATH.matcher(request.getRequestURI());
        if (!m.matches()) {
            chain.doFilter(request, response);
            return;
        }
        try (SessionMdc.Scope ignored = SessionMdc.open(m.group(1))) {
            chain.doFilter(request, response);
        }
    }
}
