package dev.skirmish.lobby.ws;

import jakarta.servlet.ServletContext;
import java.util.List;
import org.eclipse.jetty.ee11.websocket.jakarta.server.JakartaWebSocketServerContainer;

/**
 * The {@code /ws} handshake negotiates no WebSocket extension unless {@code permessage-deflate} is switched on.
 * Browsers and Node's {@code ws} offer deflate on every connection and Jetty accepts it by default; for chat-sized
 * frames that costs ~50-65 % more CPU per delivery and each connection its zlib buffers.
 * <p>
 * Jetty negotiates extensions against those installed in its WebSocket container, from the upgrade request it
 * unwraps itself (a request wrapper hiding {@code Sec-WebSocket-Extensions} is not seen). So, with deflate off, the
 * container gets none installed: every offer is declined and the connection goes on uncompressed (the extension is
 * optional, RFC 6455 section 9.1). The container serves only {@code /ws}.
 */
final class DeflateChoice {
    private DeflateChoice() {
    }

    static void apply(ServletContext context, boolean deflate) {
        var container = JakartaWebSocketServerContainer.getContainer(context);
        if (deflate || container == null) return;
        var registry = container.getWebSocketComponents().getExtensionRegistry();
        for (String name : List.copyOf(registry.getAvailableExtensionNames())) registry.unregister(name);
    }
}
