package dev.skirmish.lobby.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.lobby.config.ServiceKeyProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Forged trace headers: what the tracer (the next filter) sees of a request. A hostile traceparent would otherwise
 * put the caller's text into every log line of the request and into the headers sent on to the orchestrator and the
 * game server's environment; a well-formed one from a player would make its ids the match's trace id everywhere;
 * tracestate and baggage would be carried on verbatim.
 */
class TraceHeaderFilterTest {
    private static final String KEY = "trace-test-service-key";
    private static final String VALID = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void aValidTraceparentFromTheServiceKeyHolderIsContinued() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/internal/session-events");
        request.addHeader("traceparent", VALID);
        request.addHeader("Authorization", "Bearer " + KEY);
        HttpServletRequest seen = seenByTheTracer(request);
        assertThat(seen.getHeader("traceparent")).isEqualTo(VALID);
        assertThat(seen.getHeader("Authorization")).isEqualTo("Bearer " + KEY);
    }

    /** Changed with the start request's trace (issue 18): a valid value passed for anyone before. */
    @Test
    void aWellFormedTraceparentFromAPlayerOrAnonymousCallerIsHiddenSoTheLobbyStartsItsOwnTrace() throws Exception {
        for (String bearer : new String[] {"a-player-token", KEY + "x", null}) {
            MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/rooms/r/start");
            request.addHeader("traceparent", VALID);
            if (bearer != null) request.addHeader("Authorization", "Bearer " + bearer);
            HttpServletRequest seen = seenByTheTracer(request);
            assertThat(seen.getHeader("traceparent")).as(String.valueOf(bearer)).isNull();
            assertThat(Collections.list(seen.getHeaderNames())).as(String.valueOf(bearer)).doesNotContain("traceparent");
            assertThat(seen.getHeader("Authorization")).as("only the trace header is hidden")
                    .isEqualTo(bearer == null ? null : "Bearer " + bearer);
        }
    }

    @Test
    void forgedOrOversizedTraceparentsAreHiddenEvenWithTheServiceKey() throws Exception {
        for (String forged : new String[] {VALID + "\r\nINFO forged", VALID.toUpperCase(), VALID + "-" + "a".repeat(8000),
                "00-" + "0".repeat(32) + "-00f067aa0ba902b7-01", "ff" + VALID.substring(2), "garbage", ""}) {
            MockHttpServletRequest request = new MockHttpServletRequest("POST", "/internal/session-events");
            request.addHeader("traceparent", forged);
            request.addHeader("Authorization", "Bearer " + KEY);
            HttpServletRequest seen = seenByTheTracer(request);
            assertThat(seen.getHeader("traceparent")).as(forged).isNull();
            assertThat(Collections.list(seen.getHeaders("traceparent"))).as(forged).isEmpty();
            assertThat(Collections.list(seen.getHeaderNames())).as(forged).doesNotContain("traceparent");
        }
        MockHttpServletRequest twice = new MockHttpServletRequest("POST", "/internal/session-events");
        twice.addHeader("traceparent", VALID);
        twice.addHeader("traceparent", "00-11111111111111111111111111111111-2222222222222222-01");
        twice.addHeader("Authorization", "Bearer " + KEY);
        assertThat(seenByTheTracer(twice).getHeader("traceparent")).as("two values: neither is trusted").isNull();
    }

    @Test
    void tracestateAndBaggageNeverPass() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/internal/session-events");
        request.addHeader("traceparent", VALID);
        request.addHeader("Authorization", "Bearer " + KEY);
        request.addHeader("tracestate", "x=" + "y".repeat(4000));
        request.addHeader("Baggage", "user=admin");
        HttpServletRequest seen = seenByTheTracer(request);
        assertThat(seen.getHeader("traceparent")).isEqualTo(VALID);
        assertThat(seen.getHeader("tracestate")).isNull();
        assertThat(seen.getHeader("baggage")).isNull();
        assertThat(Collections.list(seen.getHeaderNames())).doesNotContain("tracestate", "Baggage");
    }

    private static HttpServletRequest seenByTheTracer(MockHttpServletRequest request) throws Exception {
        AtomicReference<HttpServletRequest> seen = new AtomicReference<>();
        new TraceHeaderFilter(new ServiceKey(new ServiceKeyProperties(KEY))).doFilter(request, new MockHttpServletResponse(),
                (req, res) -> seen.set((HttpServletRequest) req));
        return seen.get();
    }
}
