package dev.skirmish.orchestrator.web;

import dev.skirmish.protocol.trace.Traceparent;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Trace headers are hostile input like any other (docs/security.md): before Micrometer Tracing reads them (its
 * observation filter runs right after this one), a {@code traceparent} that is not exactly a W3C version-00 value
 * is hidden (the request starts a new trace), and {@code tracestate} and {@code baggage}, which nothing here uses,
 * are always hidden, so no caller can make this service carry its data on to the lobby or a game server.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class TraceHeaderFilter extends OncePerRequestFilter {
    static final String TRACEPARENT = "traceparent";
    private static final Set<String> ALWAYS_HIDDEN = Set.of("tracestate", "baggage");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean traceparentHidden = !traceparentValid(request);
        boolean othersPresent = ALWAYS_HIDDEN.stream().anyMatch(n -> request.getHeader(n) != null);
        chain.doFilter(traceparentHidden || othersPresent ? new Hidden(request, traceparentHidden) : request, response);
    }

    /** None, or exactly one valid value (two would leave the tracer to pick one). */
    static boolean traceparentValid(HttpServletRequest request) {
        List<String> values = Collections.list(request.getHeaders(TRACEPARENT));
        return values.isEmpty() || (values.size() == 1 && Traceparent.isValid(values.getFirst()));
    }

    private static final class Hidden extends HttpServletRequestWrapper {
        private final boolean traceparentHidden;

        Hidden(HttpServletRequest request, boolean traceparentHidden) {
            super(request);
            this.traceparentHidden = traceparentHidden;
        }

        private boolean hidden(String name) {
            String lower = name.toLowerCase(Locale.ROOT);
            return ALWAYS_HIDDEN.contains(lower) || (traceparentHidden && lower.equals(TRACEPARENT));
        }

        @Override
        public String getHeader(String name) {
            return hidden(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return hidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                    .filter(n -> !hidden(n)).toList());
        }
    }
}
