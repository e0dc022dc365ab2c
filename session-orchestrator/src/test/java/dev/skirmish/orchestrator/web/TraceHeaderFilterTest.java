package dev.skirmish.orchestrator.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The orchestrator's policy for the shared trace header filter (whose checks of forged values, tracestate and
 * baggage are web-support's TraceHeaderFilterTest): a valid traceparent is continued from any caller, a forged one
 * never.
 */
class TraceHeaderFilterTest {
    private static final String VALID = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void aValidTraceparentPassesUntouched() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/sessions");
        request.addHeader("traceparent", VALID);
        request.addHeader("Authorization", "Bearer k");
        HttpServletRequest seen = seenByTheTracer(request);
        assertThat(seen.getHeader("traceparent")).isEqualTo(VALID);
        assertThat(seen.getHeader("Authorization")).isEqualTo("Bearer k");
    }

    @Test
    void aForgedTraceparentIsHiddenSoTheRequestStartsItsOwnTrace() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/sessions");
        request.addHeader("traceparent", VALID + "\r\nINFO forged");
        assertThat(seenByTheTracer(request).getHeader("traceparent")).isNull();
    }

    private static HttpServletRequest seenByTheTracer(MockHttpServletRequest request) throws Exception {
        AtomicReference<HttpServletRequest> seen = new AtomicReference<>();
        new TraceHeaders().traceHeaderFilter().doFilter(request, new MockHttpServletResponse(),
                (req, res) -> seen.set((HttpServletRequest) req));
        return seen.get();
    }
}
