package dev.skirmish.websupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** The count by code and status, and the code a problem without one gets from its title. */
class ProblemCountTest {
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @AfterEach
    void clear() {
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void aMarkedRequestIsCountedByCodeAndStatusOnTheWayOut() throws Exception {
        answer(() -> ProblemCount.count("ROOM_FULL"), 409);
        answer(() -> { }, 200);
        assertThat(meters.get(ProblemCount.PROBLEMS).tag("code", "ROOM_FULL").tag("status", "409").counter().count())
                .isEqualTo(1.0);
        assertThat(meters.find(ProblemCount.PROBLEMS).counters()).hasSize(1);
    }

    @Test
    void aProblemWithoutACodeIsCountedUnderItsTitleInUpperSnakeCase() throws Exception {
        ProblemDetail p = ProblemDetail.forStatus(HttpStatus.SERVICE_UNAVAILABLE);
        p.setTitle("Game server not ready");
        answer(() -> ProblemCount.count(p), 503);
        assertThat(meters.get(ProblemCount.PROBLEMS).tag("code", "GAME_SERVER_NOT_READY").counter().count()).isEqualTo(1.0);
    }

    private void answer(Runnable handler, int status) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/x");
        MockHttpServletResponse response = new MockHttpServletResponse();
        new ProblemCount(meters).doFilter(request, response, (req, res) -> {
            RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
            handler.run();
            response.setStatus(status);
        });
    }
}
