package dev.skirmish.lobby.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.lobby.config.ServiceKeyProperties;
import dev.skirmish.websupport.TraceHeaderFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The lobby's policy for the shared trace header filter (whose checks of forged values, tracestate and baggage are
 * web-support's TraceHeaderFilterTest): a well-formed traceparent from a player would make its ids the match's trace
 * id everywhere, so only the service key's holder continues a trace.
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
    void aForgedTraceparentIsHiddenEvenWithTheServiceKey() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/internal/session-events");
        request.addHeader("traceparent", VALID + "\r\nINFO forged");
        request.addHeader("Authorization", "Bearer " + KEY);
        assertThat(seenByTheTracer(request).getHeader("traceparent")).isNull();
    }

    private static HttpServletRequest seenByTheTracer(MockHttpServletRequest request) throws Exception {
        AtomicReference<HttpServletRequest> seen = new AtomicReference<>();
        new TraceHeaderFilter(TraceHeaders.fromServiceKeyHolder(new ServiceKey(new ServiceKeyProperties(KEY))))
                .doFilter(request, new MockHttpServletResponse(), (req, res) -> seen.set((HttpServletRequest) req));
        return seen.get();
    }
}
