package dev.skirmish.lobby.ws;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.ee11.servlet.ServletContextRequest;
import org.springframework.web.socket.server.standard.StandardWebSocketUpgradeStrategy;

/**
 * Spring's JSR-356 upgrade, with the container's default configurator looked up once instead of on every handshake.
 * <p>
 * Why: Spring makes a new {@code ServerEndpointRegistration} (a {@link ServerEndpointConfig.Configurator}) per
 * upgrade, and the API's configurator finds the container's default with a {@link java.util.ServiceLoader} on its
 * first use, per instance. Jetty calls {@code checkOrigin} on it for every upgrade, so every STOMP join searched all
 * the jars of the lobby's executable jar for a service file: a third of a join's CPU (docs/benchmarks.md, issue 19).
 * Here the container sees a configurator that hands the handshake's choices (origin, sub-protocol, extensions,
 * headers) to one long-lived configurator, which finds the container's default once, and the endpoint to Spring's
 * registration as before. What is negotiated is unchanged: Spring's registration did not override those choices.
 * The container also gets its own request rather than the filters' wrappers ({@link #containersOwn}).
 */
final class OneLookupUpgrade extends StandardWebSocketUpgradeStrategy {
    /** Looks the container's default up on its first use and keeps it (the API caches it per configurator). */
    private static final ServerEndpointConfig.Configurator DEFAULTS = new ServerEndpointConfig.Configurator();

    @Override
    protected ServerContainer getContainer(HttpServletRequest request) {
        return new Upgrades(super.getContainer(request));
    }

    /** The configuration the container gets: Spring's, with {@link Choices} as its configurator. */
    static ServerEndpointConfig withSharedDefaults(ServerEndpointConfig spring) {
        return new Config(spring, new Choices(spring.getConfigurator()));
    }

    private record Config(ServerEndpointConfig spring, Choices choices) implements ServerEndpointConfig {
        @Override
        public Class<?> getEndpointClass() {
            return spring.getEndpointClass();
        }

        @Override
        public String getPath() {
            return spring.getPath();
        }

        @Override
        public List<String> getSubprotocols() {
            return spring.getSubprotocols();
        }

        @Override
        public List<Extension> getExtensions() {
            return spring.getExtensions();
        }

        @Override
        public Configurator getConfigurator() {
            return choices;
        }

        @Override
        public List<Class<? extends jakarta.websocket.Encoder>> getEncoders() {
            return spring.getEncoders();
        }

        @Override
        public List<Class<? extends jakarta.websocket.Decoder>> getDecoders() {
            return spring.getDecoders();
        }

        @Override
        public Map<String, Object> getUserProperties() {
            return spring.getUserProperties();
        }
    }

    /** Every choice by the shared defaults; the endpoint instance (Spring's adapter of the lobby's handler) by Spring. */
    static final class Choices extends ServerEndpointConfig.Configurator {
        private final ServerEndpointConfig.Configurator spring;

        Choices(ServerEndpointConfig.Configurator spring) {
            this.spring = spring;
        }

        @Override
        public boolean checkOrigin(String originHeaderValue) {
            return DEFAULTS.checkOrigin(originHeaderValue);
        }

        @Override
        public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
            return DEFAULTS.getNegotiatedSubprotocol(supported, requested);
        }

        @Override
        public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
            return DEFAULTS.getNegotiatedExtensions(installed, requested);
        }

        @Override
        public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
            DEFAULTS.modifyHandshake(config, request, response);
        }

        @Override
        public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
            return spring.getEndpointInstance(endpointClass);
        }
    }

    /**
     * The container's own request in place of the filters' wrappers. Why: Jetty copies every header of the request it
     * is handed into a handshake request of its own, and through Spring Security's firewalled wrapper each name and
     * value went through the firewall's regexes a second time (3 % of a STOMP join's samples, issue 19). The firewall
     * loses nothing: Spring's upgrade has already copied every header through that wrapper (into the session's
     * handshake headers) before it calls the container, and a header the firewall refuses ends the request there. The
     * container reads the same headers, path and query; no filter of the lobby changes them (the trace-header filter
     * hides headers only from the tracer and the application, neither of which reads Jetty's handshake request).
     */
    static Object containersOwn(Object request) {
        if (!(request instanceof HttpServletRequest http)) return request;
        var own = ServletContextRequest.getServletContextRequest(http);
        return own == null ? request : own.getServletApiRequest();
    }

    /** The container, whose upgrade gets {@link #withSharedDefaults} and the container's own request; the rest as it is. */
    private record Upgrades(ServerContainer container) implements ServerContainer {
        @Override
        public void upgradeHttpToWebSocket(Object request, Object response, ServerEndpointConfig config, Map<String, String> pathParameters)
                throws IOException, DeploymentException {
            container.upgradeHttpToWebSocket(containersOwn(request), response, withSharedDefaults(config), pathParameters);
        }

        @Override
        public void addEndpoint(Class<?> endpointClass) throws DeploymentException {
            container.addEndpoint(endpointClass);
        }

        @Override
        public void addEndpoint(ServerEndpointConfig config) throws DeploymentException {
            container.addEndpoint(config);
        }

        @Override
        public long getDefaultAsyncSendTimeout() {
            return container.getDefaultAsyncSendTimeout();
        }

        @Override
        public void setAsyncSendTimeout(long timeout) {
            container.setAsyncSendTimeout(timeout);
        }

        @Override
        public Session connectToServer(Object endpoint, URI path) throws DeploymentException, IOException {
            return container.connectToServer(endpoint, path);
        }

        @Override
        public Session connectToServer(Class<?> annotatedEndpointClass, URI path) throws DeploymentException, IOException {
            return container.connectToServer(annotatedEndpointClass, path);
        }

        @Override
        public Session connectToServer(Endpoint endpoint, ClientEndpointConfig config, URI path) throws DeploymentException, IOException {
            return container.connectToServer(endpoint, config, path);
        }

        @Override
        public Session connectToServer(Class<? extends Endpoint> endpoint, ClientEndpointConfig config, URI path)
                throws DeploymentException, IOException {
            return container.connectToServer(endpoint, config, path);
        }

        @Override
        public long getDefaultMaxSessionIdleTimeout() {
            return container.getDefaultMaxSessionIdleTimeout();
        }

        @Override
        public void setDefaultMaxSessionIdleTimeout(long timeout) {
            container.setDefaultMaxSessionIdleTimeout(timeout);
        }

        @Override
        public int getDefaultMaxBinaryMessageBufferSize() {
            return container.getDefaultMaxBinaryMessageBufferSize();
        }

        @Override
        public void setDefaultMaxBinaryMessageBufferSize(int max) {
            container.setDefaultMaxBinaryMessageBufferSize(max);
        }

        @Override
        public int getDefaultMaxTextMessageBufferSize() {
            return container.getDefaultMaxTextMessageBufferSize();
        }

        @Override
        public void setDefaultMaxTextMessageBufferSize(int max) {
            container.setDefaultMaxTextMessageBufferSize(max);
        }

        @Override
        public Set<Extension> getInstalledExtensions() {
            return container.getInstalledExtensions();
        }
    }
}
