package dev.skirmish.websupport;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Forged trace headers: what the tracer (the next filter) sees of a request. A hostile traceparent would otherwise
 * put the caller's text into every log line of the request and into the headers sent on to the next service and a
 * game server's environment; tracestate and baggage would be carried on verbatim. Each service's own test covers
 * its policy of who may continue a trace (the lobby's and the orchestrator's TraceHeaderFilterTest).
 */
class TraceHeaderFilterTest {
    static final String VALID = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private static final Predicate<HttpServletRequest> ANYONE = r -> true;

    @Test
    void aValidTraceparentFromACallerThePolicyTrustsPassesUntouched() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/sessions");
        request.addHeader("traceparent", VALID);
        request.addHeader("Authorization", "Bearer k");
        HttpServletRequest seen = seenByTheTracer(request, ANYONE);
        assertThat(seen.getHeader("traceparent")).isEqualTo(VALID);
        assertThat(seen.getHeader("Authorization")).isEqualTo("Bearer k");
    }

    @Test
    void aValidTraceparentFromACallerThePolicyRefusesIsHiddenSoTheServiceStartsItsOwnTrace() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/rooms/r/start");
        request.addHeader("traceparent", VALID);
        request.addHeader("Authorization", "Bearer a-player-token");
        HttpServletRequest seen = seenByTheTracer(request, r -> false);
        assertThat(seen.getHeader("traceparent")).isNull();
        assertThat(Collections.list(seen.getHeaderNames())).doesNotContain("traceparent");
        assertThat(seen.getHeader("Authorization")).as("only the trace header is hidden").isEqualTo("Bearer a-player-token");
    }

    @Test
    void forgedOrOversizedTraceparentsAreHiddenEvenFromATrustedCaller() throws Exception {
        for (String forged : new String[] {VALID + "\r\nINFO forged", VALID.toUpperCase(), VALID + "-" + "a".repeat(8000),
                "00-" + "0".repeat(32) + "-00f067aa0ba902b7-01", "ff" + VALID.substring(2), "garbage", ""}) {
            MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/sessions");
            request.addHeader("traceparent", forged);
            HttpServletRequest seen = seenByTheTracer(request, ANYONE);
            assertThat(seen.getHeader("traceparent")).as(forged).isNull();
            assertThat(Collections.list(seen.getHeaders("traceparent"))).as(forged).isEmpty();
            assertThat(Collections.list(seen.getHeaderNames())).as(forged).doesNotContain("traceparent");
        }
        MockHttpServletRequest twice = new MockHttpServletRequest("GET", "/api/sessions");
        twice.addHeader("traceparent", VALID);
        twice.addHeader("traceparent", "00-11111111111111111111111111111111-2222222222222222-01");
        assertThat(seenByTheTracer(twice, ANYONE).getHeader("traceparent")).as("two values: neither is trusted").isNull();
    }

    @Test
    void tracestateAndBaggageNeverPass() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/sessions");
        request.addHeader("traceparent", VALID);
        request.addHeader("tracestate", "x=" + "y".repeat(4000));
        request.addHeader("Baggage", "user=admin");
        HttpServletRequest seen = seenByTheTracer(request, ANYONE);
        assertThat(seen.getHeader("traceparent")).isEqualTo(VALID);
        assertThat(seen.getHeader("tracestate")).isNull();
        assertThat(seen.getHeader("baggage")).isNull();
        assertThat(Collections.list(seen.getHeaderNames())).doesNotContain("tracestate", "Baggage");
    }

    /** What the next filter (the tracer's) is handed when {@code filter} sees {@code request}. */
    static HttpServletRequest seenByTheTracer(MockHttpServletRequest request, Predicate<HttpServletRequest> mayContinue)
            throws Exception {
        AtomicReference<HttpServletRequest> seen = new AtomicReference<>();
        new TraceHeaderFilter(mayContinue).doFilter(request, new MockHttpServletResponse(),
                (req, res) -> seen.set((HttpServletRequest) req));
        return seen.get();
    }
}
