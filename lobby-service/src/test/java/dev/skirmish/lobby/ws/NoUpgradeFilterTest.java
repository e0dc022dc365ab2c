package dev.skirmish.lobby.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.lobby.support.IntegrationTestBase;
import dev.skirmish.lobby.support.RawUpgrade;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.websocket.servlet.WebSocketUpgradeFilter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * Jetty's WebSocket upgrade filter is out of the running server's servlet chain (issue 19: it copied every
 * request's headers looking for upgrades it had no mapping for), and nothing depended on it: {@code /ws} still
 * upgrades through Spring's handler and REST calls still reach their controllers.
 */
class NoUpgradeFilterTest extends IntegrationTestBase {
    @Autowired
    WebServerApplicationContext context;

    @Test
    void theRunningServerHasNoUpgradeFilter() {
        var servlets = ((JettyWebServer) context.getWebServer()).getServer().getDescendant(ServletContextHandler.class).getServletHandler();
        assertThat(servlets.getFilters()).isNotEmpty().noneMatch(h ->
                WebSocketUpgradeFilter.class.getName().equals(h.getName()) || WebSocketUpgradeFilter.class.equals(h.getHeldClass()));
        assertThat(servlets.getFilterMappings()).noneMatch(m -> WebSocketUpgradeFilter.class.getName().equals(m.getFilterName()));
    }

    @Test
    void theHandshakeAndRestStillWork() {
        assertThat(RawUpgrade.handshake(port, "/ws", PermessageDeflateTest.BROWSER_OFFER)).startsWith("HTTP/1.1 101");
        assertThat(http.guest("nofilter").path("token").asText()).isNotEmpty();
    }
}
