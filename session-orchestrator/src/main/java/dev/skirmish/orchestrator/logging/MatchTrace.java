package dev.skirmish.orchestrator.logging;

import dev.skirmish.protocol.trace.Traceparent;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import java.util.Optional;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The trace of a match start (docs/observability.md) where Micrometer Tracing does not carry it by itself: into the
 * game server's environment, into the outbox event that travels to the lobby later, and into the log lines of the
 * thread that delivers that event (a scheduler thread, outside any request).
 */
@Component
public class MatchTrace {
    /** The MDC key of the trace id, the one Micrometer Tracing uses and the log pattern prints. */
    public static final String KEY = "traceId";

    private final ObjectProvider<Tracer> tracer;

    public MatchTrace(ObjectProvider<Tracer> tracer) {
        this.tracer = tracer;
    }

    /** The current span as a W3C traceparent; empty outside any trace (or with tracing off). */
    public Optional<String> current() {
        Tracer t = tracer.getIfAvailable();
        TraceContext c = t == null ? null : t.currentTraceContext().context();
        if (c == null) {
            return Optional.empty();
        }
        // W3C trace ids have 128 bits; a 64-bit one is padded as the standard says
        String traceId = "0".repeat(Math.max(0, 32 - c.traceId().length())) + c.traceId();
        String flags = Boolean.TRUE.equals(c.sampled()) ? "01" : "00";
        return Traceparent.parse("00-" + traceId + "-" + c.spanId() + "-" + flags).map(Traceparent::toString);
    }

    /**
     * Puts the trace id of {@code traceparent} into the logging context until the scope closes (nothing when the
     * value is absent or malformed: it came through the database from a request).
     */
    public static SessionMdc.Scope open(String traceparent) {
        Optional<Traceparent> parsed = Traceparent.parse(traceparent);
        if (parsed.isEmpty()) {
            return () -> { };
        }
        String previous = MDC.get(KEY);
        MDC.put(KEY, parsed.get().traceId());
        return () -> {
            if (previous == null) {
                MDC.remove(KEY);
            } else {
                MDC.put(KEY, previous);
            }
        };
    }
}
