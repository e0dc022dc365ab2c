package dev.skirmish.lobby.web;

import dev.skirmish.protocol.trace.Traceparent;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The W3C {@code traceparent} of the span this thread is in, so work that outlives the request (a start countdown)
 * can continue the request's trace later, on another thread or another lobby node (docs/observability.md).
 */
@Component
public class CurrentTrace {
    private final ObjectProvider<Tracer> tracer;
    private final ObjectProvider<Propagator> propagator;

    // providers: without a tracer (tracing switched off) there is simply no trace to keep
    public CurrentTrace(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** The current span's traceparent, or null when there is no span (or no valid value for it). */
    public String traceparent() {
        Tracer t = tracer.getIfAvailable();
        Propagator p = propagator.getIfAvailable();
        Span span = t == null ? null : t.currentSpan();
        if (span == null || p == null) return null;
        Map<String, String> carrier = new HashMap<>();
        p.inject(span.context(), carrier, Map::put);
        return Traceparent.validOrNull(carrier.get(Traceparent.HEADER));
    }
}
