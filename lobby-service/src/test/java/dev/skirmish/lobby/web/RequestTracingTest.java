package dev.skirmish.lobby.web;

import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.TraceContext;
import dev.skirmish.lobby.support.IntegrationTestBase;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The hot join requests (skirmish.lobby.request-tracing.untraced) open no trace span but are still timed and counted
 * in {@code http.server.requests}; any other request still gets its span (docs/observability.md, docs/benchmarks.md).
 */
@Import(RequestTracingTest.Spans.class)
class RequestTracingTest extends IntegrationTestBase {
    @Autowired
    MeterRegistry meters;
    @Autowired
    Spans spans;

    @Test
    void signUpsAndJoinsAreCountedWithoutASpanWhileOtherRequestsKeepTheirs() {
        String owner = http.guest(name("trowner")).get("token").asString();
        String guest = http.guest(name("trguest")).get("token").asString();
        String roomId = http.post("/api/rooms", owner, "{\"name\":\"traced\",\"capacity\":4}").body().get("id").asString();
        assertThat(http.post("/api/rooms/" + roomId + "/join", guest, null).status()).isEqualTo(200);
        assertThat(http.get("/api/players/me", guest).status()).isEqualTo(200);

        // the span of GET /api/players/me shows spans are recorded at all; it ends after the response is sent
        await().atMost(Duration.ofSeconds(10)).until(() -> spans.paths().stream().anyMatch(p -> p.contains("/api/players/me")));
        assertThat(spans.paths()).noneMatch(p -> p.contains("/api/players/guest") || p.contains("/join") || p.equals("/api/rooms"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(count("POST", "/api/players/guest")).isGreaterThanOrEqualTo(2);
            assertThat(count("POST", "/api/rooms")).isGreaterThanOrEqualTo(1);
            assertThat(count("POST", "/api/rooms/{id}/join")).isGreaterThanOrEqualTo(1);
        });
    }

    private long count(String method, String uri) {
        var timer = meters.find("http.server.requests").tag("method", method).tag("uri", uri).timer();
        return timer == null ? 0 : timer.count();
    }

    /** Every finished span's request path (its http.url tag, else its name), as a collector would receive them. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Spans {
        private final List<String> paths = new CopyOnWriteArrayList<>();

        @Bean
        SpanHandler recordingSpanHandler() {
            return new SpanHandler() {
                @Override
                public boolean end(TraceContext context, MutableSpan span, Cause cause) {
                    String url = span.tag("http.url");
                    paths.add(url != null ? url : String.valueOf(span.name()));
                    return true;
                }
            };
        }

        List<String> paths() {
            return List.copyOf(paths);
        }
    }
}
