package dev.skirmish.lobby.ws;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.ObservationPredicate;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The WebSocket upgrade ({@code GET /ws}) timed by a plain timer instead of Spring's {@code http.server.requests}
 * observation (issue 19, CPU per join: the observation, its context, its five tags and its handlers were ~4.5 % of a
 * STOMP join's samples, for one route whose only useful figure is its latency). Mapped by the container to
 * {@code /ws} alone ({@link WebSocketConfig}) and ordered before the observation filter, it marks the request, and
 * {@link #noObservation()} keeps the observation filter from observing a marked request. Timer
 * {@code lobby.ws.upgrades}, tag {@code outcome} ({@code UPGRADED} for a 101, else {@code REFUSED}), a histogram as
 * {@code lobby.stomp.frames} is: with it the lobby's side of a STOMP join. The upgrade had no span already
 * ({@code skirmish.lobby.request-tracing.untraced}).
 */
final class UpgradeTimer extends OncePerRequestFilter {
    private static final String TIMED = UpgradeTimer.class.getName() + ".timed";

    private final Timer upgraded;
    private final Timer refused;

    UpgradeTimer(MeterRegistry meters) {
        this.upgraded = timer(meters, "UPGRADED");
        this.refused = timer(meters, "REFUSED");
    }

    private static Timer timer(MeterRegistry meters, String outcome) {
        return JoinTimers.register(meters, "lobby.ws.upgrades",
                "WebSocket upgrades (GET /ws), from the first filter to the response", "outcome", outcome);
    }

    /** No {@code http.server.requests} observation of a request this filter times. */
    static ObservationPredicate noObservation() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext request && timed(request.getCarrier()));
    }

    private static boolean timed(ServletRequest request) {
        return request != null && request.getAttribute(TIMED) != null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        request.setAttribute(TIMED, Boolean.TRUE);
        long started = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            (response.getStatus() == HttpServletResponse.SC_SWITCHING_PROTOCOLS ? upgraded : refused).record(Duration.ofNanos(System.nanoTime() - started));
        }
    }
}
