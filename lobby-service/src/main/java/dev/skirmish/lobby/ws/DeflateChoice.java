package dev.skirmish.lobby.ws;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;
import org.springframework.web.socket.server.standard.StandardWebSocketUpgradeStrategy;

/**
 * The {@code /ws} handshake, which negotiates no WebSocket extension unless {@code permessage-deflate} is switched on.
 * Browsers and Node's {@code ws} offer deflate on every connection and Tomcat accepts it by default; for chat-sized
 * frames that costs ~50-65 % more CPU per delivery and each connection its zlib buffers.
 * <p>
 * Spring's extension filter is not enough: Tomcat negotiates extensions again from the request's
 * {@code Sec-WebSocket-Extensions} header and its own installed ones. So, with deflate off, the container is shown
 * the upgrade request without that header (the extension is optional, RFC 6455 section 9.1: the connection goes on
 * uncompressed). Only this handshake is affected, unlike Tomcat's JVM-wide switch.
 */
final class DeflateChoice extends DefaultHandshakeHandler {
    private static final String EXTENSIONS = "Sec-WebSocket-Extensions";

    DeflateChoice(boolean deflate) {
        super(deflate ? new StandardWebSocketUpgradeStrategy() : new WithoutExtensions());
    }

    private static final class WithoutExtensions extends StandardWebSocketUpgradeStrategy {
        @Override
        public List<WebSocketExtension> getSupportedExtensions(ServerHttpRequest request) {
            return List.of();
        }

        @Override
        public void upgrade(ServerHttpRequest request, ServerHttpResponse response, String selectedProtocol, List<WebSocketExtension> selectedExtensions,
                            Principal user, WebSocketHandler wsHandler, Map<String, Object> attrs) {
            var servlet = new ServletServerHttpRequest(new NoExtensionOffer(getHttpServletRequest(request)));
            super.upgrade(servlet, response, selectedProtocol, List.of(), user, wsHandler, attrs);
        }
    }

    private static final class NoExtensionOffer extends HttpServletRequestWrapper {
        NoExtensionOffer(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            return EXTENSIONS.equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return EXTENSIONS.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            var names = Collections.list(super.getHeaderNames());
            names.removeIf(EXTENSIONS::equalsIgnoreCase);
            return Collections.enumeration(names);
        }
    }
}
