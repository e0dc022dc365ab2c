package dev.skirmish.orchestrator.web;

import dev.skirmish.websupport.TraceHeaderFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The orchestrator's trace header policy for the shared {@link TraceHeaderFilter}: a (valid) {@code traceparent}
 * is continued from any caller. Its callers are the lobby and the game servers, and every route but the probes wants
 * a key, so a stranger's trace ids can only tag the log lines of its own refused request.
 */
@Configuration(proxyBeanMethods = false)
public class TraceHeaders {
    @Bean
    TraceHeaderFilter traceHeaderFilter() {
        return new TraceHeaderFilter(request -> true);
    }
}
