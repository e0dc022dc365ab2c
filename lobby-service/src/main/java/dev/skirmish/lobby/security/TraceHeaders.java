package dev.skirmish.lobby.security;

import dev.skirmish.websupport.TraceHeaderFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Predicate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;

/**
 * The lobby's trace header policy for the shared {@link TraceHeaderFilter}: the lobby is the edge where players come
 * in, so a (valid) {@code traceparent} is continued only from the holder of the service key (the orchestrator's
 * callbacks, which continue the match's trace). A player's or operator's traceparent is never continued: its ids
 * would otherwise become the match's trace id at the orchestrator and the game server, so a player could file their
 * match's lines under another match's id.
 */
@Configuration(proxyBeanMethods = false)
public class TraceHeaders {
    @Bean
    TraceHeaderFilter traceHeaderFilter(ServiceKey serviceKey) {
        return new TraceHeaderFilter(fromServiceKeyHolder(serviceKey));
    }

    /** The key is checked here, before Spring Security's chains, because the tracer reads the header before them. */
    static Predicate<HttpServletRequest> fromServiceKeyHolder(ServiceKey serviceKey) {
        return request -> TokenService.bearer(request.getHeader(HttpHeaders.AUTHORIZATION))
                .filter(serviceKey::matches).isPresent();
    }
}
