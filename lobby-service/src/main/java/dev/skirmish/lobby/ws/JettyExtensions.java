package dev.skirmish.lobby.ws;

import jakarta.servlet.ServletContext;
import org.eclipse.jetty.ee11.websocket.jakarta.server.JakartaWebSocketServerContainer;

/**
 * Jetty's side of {@link DeflateChoice}: Jetty negotiates extensions from the upgrade request it unwraps itself (a
 * request wrapper hiding {@code Sec-WebSocket-Extensions} is not seen) against the extensions installed in its
 * container. So, with deflate off, the container gets none installed: every offer is declined and the connection goes
 * on uncompressed (RFC 6455 section 9.1). The container serves only {@code /ws}.
 */
final class JettyExtensions {
    private JettyExtensions() {
    }

    static void removeAll(ServletContext context) {
        var container = JakartaWebSocketServerContainer.getContainer(context);
        if (container == null) return;
        var registry = container.getWebSocketComponents().getExtensionRegistry();
        for (String name : java.util.List.copyOf(registry.getAvailableExtensionNames())) registry.unregister(name);
    }
}
