package dev.skirmish.lobby.web;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Keeps the trace span off the requests of {@link RequestTracingProperties#untraced()} (issue 19, CPU per join: the
 * span, its scope and its MDC entries were a visible part of every sign-up and join in a warm profile). Boot puts the
 * tracing handlers in a first-match group; this one comes first and, for those requests only, takes the observation
 * and does nothing with it, so no other tracing handler opens a span, while the meter handler (another group) still
 * times and counts {@code http.server.requests}. Every other request, the match start's above all, is traced as before.
 */
@Component
class UntracedRequests implements TracingObservationHandler<ServerRequestObservationContext>, Ordered {
    /** The decision, kept on the observation: a first-match group asks every handler again at each of its events. */
    private record Untraced(boolean yes) {
    }

    private record Route(String method, PathPattern pattern) {
        boolean matches(HttpServletRequest request) {
            return method.equals(request.getMethod()) && pattern.matches(PathContainer.parsePath(request.getRequestURI()));
        }
    }

    private final List<Route> routes;

    UntracedRequests(RequestTracingProperties props) {
        this.routes = props.untraced().stream().map(UntracedRequests::route).toList();
    }

    private static Route route(String entry) {
        String[] parts = entry.strip().split("\\s+");
        if (parts.length != 2 || !parts[1].startsWith("/")) {
            throw new IllegalArgumentException("skirmish.lobby.request-tracing.untraced: expected \"METHOD /path\", got \"" + entry + "\"");
        }
        return new Route(parts[0].toUpperCase(Locale.ROOT), PathPatternParser.defaultInstance.parse(parts[1]));
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        if (!(context instanceof ServerRequestObservationContext request) || routes.isEmpty()) return false;
        return request.computeIfAbsent(Untraced.class, k -> new Untraced(untraced(request.getCarrier()))).yes();
    }

    private boolean untraced(HttpServletRequest request) {
        if (request == null) return false;
        for (Route r : routes) if (r.matches(request)) return true;
        return false;
    }

    @Override
    public void onStart(ServerRequestObservationContext context) {
        // the meter handler reads the span (none) from the tracing context at its stop, and requires the context
        getTracingContext(context);
    }

    @Override
    public void onScopeOpened(ServerRequestObservationContext context) {
    }

    @Override
    public void onScopeClosed(ServerRequestObservationContext context) {
    }

    @Override
    public void onScopeReset(ServerRequestObservationContext context) {
    }

    @Override
    public void onEvent(Observation.Event event, ServerRequestObservationContext context) {
    }

    @Override
    public void onError(ServerRequestObservationContext context) {
    }

    @Override
    public void onStop(ServerRequestObservationContext context) {
    }

    @Override
    public Tracer getTracer() {
        return Tracer.NOOP;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
