package dev.skirmish.lobby.ws;

import jakarta.servlet.ServletContext;
import java.util.Arrays;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.websocket.servlet.WebSocketUpgradeFilter;

/**
 * Takes Jetty's {@link WebSocketUpgradeFilter} out of the servlet chain (issue 19: CPU per join and per request).
 * <p>
 * Why: Jetty's JSR-356 set-up maps that filter to {@code /*}, for endpoints registered with its container
 * ({@code @ServerEndpoint} classes, {@code addEndpoint}). The lobby registers none: {@code /ws} is Spring's handler,
 * which upgrades through the container's {@code upgradeHttpToWebSocket} itself. Yet the filter ran on every request,
 * REST calls included, and copied each one's headers into a Jetty request wrapper (through Spring Security's
 * firewalled request, which checks every header again with its regexes) to look for an upgrade it had no mapping
 * for: 3.6 % of a STOMP join's samples, and part of every sign-up (docs/benchmarks.md). Without it every request
 * goes through the same chain as before, minus a filter that let all of them through.
 */
final class NoUpgradeFilter {
    private NoUpgradeFilter() {
    }

    /** @return whether the filter was there (and is now gone) */
    static boolean apply(ServletContext context) {
        var contextHandler = ServletContextHandler.getServletContextHandler(context);
        if (contextHandler == null) return false;
        var servlets = contextHandler.getServletHandler();
        var holder = servlets.getFilter(WebSocketUpgradeFilter.class.getName());
        if (holder == null) return false;
        Arrays.stream(servlets.getFilterMappings()).filter(m -> holder.getName().equals(m.getFilterName())).forEach(servlets::removeFilterMapping);
        servlets.removeFilterHolder(holder);
        return true;
    }
}
