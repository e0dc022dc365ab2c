package dev.skirmish.lobby.ws;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletContextRequest;
import org.eclipse.jetty.ee11.servlet.ServletCoreRequest;
import org.eclipse.jetty.ee11.servlet.ServletCoreResponse;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.FutureCallback;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.core.server.WebSocketMappings;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeFailureException;
import org.springframework.web.socket.server.RequestUpgradeStrategy;

/**
 * The {@code /ws} upgrade onto Jetty's core WebSocket API (issue 19), as the last step of Spring's handshake: Spring's
 * {@code DefaultHandshakeHandler}, the handshake interceptors, the security chain and the sub-protocol choice run as
 * before, then Jetty's core handshaker answers 101 with that sub-protocol and opens a {@link CoreSocket}.
 * <p>
 * Why not JSR-356 (Jakarta WebSocket), the lobby's layer until then: per connection it built an endpoint's
 * registries (frame handler, session, decoders, message-handler metadata) the lobby never used, decoded every inbound
 * text frame into a {@code String} byte by byte for Spring to encode it back, and wrote every frame through its
 * blocking remote endpoint (docs/benchmarks.md, issue 19).
 * <p>
 * What Jetty negotiates: the sub-protocol Spring chose; no extension unless {@code ws-permessage-deflate} is on
 * (then Jetty's own negotiation, against its extension registry). The container gets its own request rather than
 * the filters' wrappers (Spring's handshake has read every header through the firewall before this runs:
 * UpgradeHeaderFirewallTest). The session: no idle timeout of the container's (a client without heart-beats may
 * listen to a quiet room; the token sweep still ends it), whole frames up to the text message limit.
 */
final class CoreUpgrade implements RequestUpgradeStrategy {
    private static final String[] VERSIONS = {"13"};

    private final boolean deflate;
    private final int maxTextBytes;
    private final int maxBinaryBytes;
    private volatile @Nullable WebSocketMappings mappings;

    CoreUpgrade(boolean deflate, int maxTextBytes, int maxBinaryBytes) {
        this.deflate = deflate;
        this.maxTextBytes = maxTextBytes;
        this.maxBinaryBytes = maxBinaryBytes;
    }

    @Override
    public String[] getSupportedVersions() {
        return VERSIONS;
    }

    /** None to Spring's own choice: Jetty negotiates extensions itself (only deflate, and only when switched on). */
    @Override
    public List<WebSocketExtension> getSupportedExtensions(ServerHttpRequest request) {
        return List.of();
    }

    @Override
    public void upgrade(ServerHttpRequest request, ServerHttpResponse response, @Nullable String selectedProtocol,
                        List<WebSocketExtension> selectedExtensions, @Nullable Principal user, WebSocketHandler handler,
                        Map<String, Object> attributes) throws HandshakeFailureException {
        if (!(request instanceof ServletServerHttpRequest servletRequest) || !(response instanceof ServletServerHttpResponse servletResponse)) {
            throw new HandshakeFailureException("/ws upgrades need a servlet request and response");
        }
        HttpServletRequest http = servletRequest.getServletRequest();
        var session = new CoreWebSocketSession(headerPairs(http), attributes, user, request.getLocalAddress(),
                request.getRemoteAddress(), selectedProtocol, maxTextBytes, maxBinaryBytes);
        var negotiator = new Negotiator(new CoreSocket(handler, session), selectedProtocol);
        var coreRequest = ServletCoreRequest.wrap(containersOwn(http));
        var coreResponse = ServletCoreResponse.wrap(coreRequest, servletResponse.getServletResponse(), false);
        var upgraded = new FutureCallback();
        WebSocketMappings jetty = mappings(http.getServletContext());
        try {
            if (!jetty.getHandshaker().upgradeRequest(negotiator, coreRequest, coreResponse, upgraded, jetty.getWebSocketComponents(), negotiator)) {
                throw new HandshakeFailureException("not a WebSocket upgrade request");
            }
            upgraded.block();
        } catch (HandshakeFailureException e) {
            throw e;
        } catch (Exception e) {
            throw new HandshakeFailureException("/ws upgrade failed", e);
        }
    }

    /**
     * Every header as name, value pairs, read through the filters' wrappers: the header firewall sees every header
     * before Jetty's handshake, which reads the container's own request, and the session keeps no view of a request
     * that is recycled. Pairs rather than Spring's header map: nothing reads the session's handshake headers on the
     * STOMP path, so the map is built only if asked for ({@link CoreWebSocketSession#getHandshakeHeaders()}).
     */
    static String[] headerPairs(HttpServletRequest http) {
        var pairs = new ArrayList<String>(32);
        for (var names = http.getHeaderNames(); names.hasMoreElements(); ) {
            String name = names.nextElement();
            for (var values = http.getHeaders(name); values.hasMoreElements(); ) {
                pairs.add(name);
                pairs.add(values.nextElement());
            }
        }
        return pairs.toArray(String[]::new);
    }

    /** The context's WebSocket mappings, which hold Jetty's handshaker and the shared components (buffer pool, extensions). */
    private WebSocketMappings mappings(ServletContext context) {
        WebSocketMappings found = mappings;
        if (found == null) {
            var contextHandler = ServletContextHandler.getServletContextHandler(context);
            if (contextHandler == null) throw new HandshakeFailureException("/ws needs Jetty's servlet context");
            mappings = found = WebSocketMappings.ensureMappings(contextHandler);
        }
        return found;
    }

    /** Jetty's own request under the filters' wrappers, which the handshake reads as it is (see the class comment). */
    static HttpServletRequest containersOwn(HttpServletRequest request) {
        var own = ServletContextRequest.getServletContextRequest(request);
        return own == null ? request : own.getServletApiRequest();
    }

    /** Hands Jetty the connection's handler, the chosen sub-protocol and the session's settings. */
    private final class Negotiator implements WebSocketNegotiator {
        private final FrameHandler socket;
        private final @Nullable String protocol;

        Negotiator(FrameHandler socket, @Nullable String protocol) {
            this.socket = socket;
            this.protocol = protocol;
        }

        @Override
        public FrameHandler negotiate(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
            if (protocol != null) response.setAcceptedSubProtocol(protocol);
            // declining an offered extension is allowed (RFC 6455 section 9.1): the connection goes on uncompressed
            if (!deflate) response.setExtensions(List.of());
            return socket;
        }

        @Override
        public void customize(Configuration session) {
            session.setIdleTimeout(Duration.ZERO);
            // whole frames up to the largest message: a message's pieces are then whole frames, assembled by CoreSocket
            session.setAutoFragment(false);
            session.setMaxFrameSize(Math.max(maxTextBytes, maxBinaryBytes));
        }
    }
}
