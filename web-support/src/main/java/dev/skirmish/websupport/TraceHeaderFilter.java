package dev.skirmish.websupport;

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
import java.util.function.Predicate;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Trace headers are hostile input like any other (docs/security.md). Before Micrometer Tracing reads them (its
 * observation filter runs right after this one) a {@code traceparent} is hidden, so the request starts a trace of the
 * service's own, unless it is exactly one valid W3C version-00 value (two would leave the tracer to pick one) from a
 * caller the service lets continue a trace ({@code mayContinue}: the orchestrator lets anyone, the lobby only the
 * holder of the service key). {@code tracestate} and {@code baggage}, which nothing here uses, are always hidden, so
 * no caller can make a service carry its data on to the next one. Each service registers it as a bean with its policy.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class TraceHeaderFilter extends OncePerRequestFilter {
    private static final Set<String> ALWAYS_HIDDEN = Set.of("tracestate", "baggage");

    private final Predicate<HttpServletRequest> mayContinue;

    /** {@code mayContinue} runs before Spring Security's chains, because the tracer reads the header before them. */
    public TraceHeaderFilter(Predicate<HttpServletRequest> mayContinue) {
        this.mayContinue = mayContinue;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean traceparentHidden = request.getHeader(Traceparent.HEADER) != null && !continued(request);
        boolean othersPresent = ALWAYS_HIDDEN.stream().anyMatch(n -> request.getHeader(n) != null);
        chain.doFilter(traceparentHidden || othersPresent ? new Hidden(request, traceparentHidden) : request, response);
    }

    private boolean continued(HttpServletRequest request) {
        List<String> values = Collections.list(request.getHeaders(Traceparent.HEADER));
        return values.size() == 1 && Traceparent.isValid(values.getFirst()) && mayContinue.test(request);
    }

    private static final class Hidden extends HttpServletRequestWrapper {
        private final boolean traceparentHidden;

        Hidden(HttpServletRequest request, boolean traceparentHidden) {
            super(request);
            this.traceparentHidden = traceparentHidden;
        }

        private boolean hidden(String name) {
            String lower = name.toLowerCase(Locale.ROOT);
            return ALWAYS_HIDDEN.contains(lower) || (traceparentHidden && lower.equals(Traceparent.HEADER));
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
