package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.support.IntegrationTestBase;
import dev.skirmish.lobby.support.RawUpgrade;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code /ws} handshake is resolved by the first handler mapping the DispatcherServlet asks (issue 19, CPU per
 * STOMP join): behind the actuator's and the controllers' mappings, each upgrade first tried every request mapping
 * they hold. The order must change nothing else: {@code /ws} still upgrades, and REST paths still reach their
 * controllers, not the WebSocket handler.
 */
class WsHandlerMappingFirstTest extends IntegrationTestBase {
    @Autowired
    private ApplicationContext context;

    private HandlerMapping first() {
        Map<String, HandlerMapping> beans = context.getBeansOfType(HandlerMapping.class);
        var mappings = new ArrayList<>(beans.values());
        AnnotationAwareOrderComparator.sort(mappings); // the DispatcherServlet's order
        return mappings.getFirst();
    }

    @Test
    void theFirstMappingAskedResolvesTheHandshake() throws Exception {
        HandlerExecutionChain chain = first().getHandler(new MockHttpServletRequest("GET", "/ws"));
        assertThat(chain).isNotNull();
        assertThat(chain.getHandler()).isInstanceOf(WebSocketHttpRequestHandler.class);
    }

    @Test
    void itMatchesNothingButTheHandshake() throws Exception {
        for (String path : new String[] {"/api/rooms", "/api/players/guest", "/actuator/health", "/ws/x", "/wsx"}) {
            assertThat(first().getHandler(new MockHttpServletRequest("GET", path))).as(path).isNull();
        }
    }

    @Test
    void theHandshakeAndRestStillWork() {
        assertThat(RawUpgrade.handshake(port, "/ws", PermessageDeflateTest.BROWSER_OFFER)).startsWith("HTTP/1.1 101");
        assertThat(http.guest("order").path("token").asText()).isNotEmpty();
    }
}
