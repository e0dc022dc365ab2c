package dev.skirmish.websupport;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Errors by problem code (docs/observability.md): {@code skirmish.problems{code,status}}, one meter name in both
 * services. Whoever writes a problem (an MVC handler, a security filter's entry point) marks the request with its
 * code; this filter counts it on the way out, in this application's registry (a static registry would outlive the
 * application context). Codes and titles are constants of this code base, never caller input, so the tags stay
 * bounded. Registered by {@link WebSupportAutoConfiguration}.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemCount extends OncePerRequestFilter {
    public static final String PROBLEMS = "skirmish.problems";
    private static final String ATTRIBUTE = ProblemCount.class.getName() + ".code";

    private final MeterRegistry meters;

    public ProblemCount(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Marks the current request as answered with a problem of this code (nothing outside a request). */
    public static void count(String code) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null && code != null) {
            request.setAttribute(ATTRIBUTE, code, RequestAttributes.SCOPE_REQUEST);
        }
    }

    /** Its {@code code} property, else its title in upper snake case ("Game server not ready": GAME_SERVER_NOT_READY). */
    public static void count(ProblemDetail p) {
        Object code = p.getProperties() == null ? null : p.getProperties().get("code");
        count(code instanceof String s ? s
                : p.getTitle() == null ? "UNKNOWN" : p.getTitle().strip().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } finally {
            if (request.getAttribute(ATTRIBUTE) instanceof String code) {
                meters.counter(PROBLEMS, "code", code, "status", Integer.toString(response.getStatus())).increment();
            }
        }
    }
}
