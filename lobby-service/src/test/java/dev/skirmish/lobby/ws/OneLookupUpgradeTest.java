package dev.skirmish.lobby.ws;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.net.URL;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.server.standard.ServerEndpointRegistration;

class OneLookupUpgradeTest {
    private static final String SERVICE = "META-INF/services/" + ServerEndpointConfig.Configurator.class.getName();

    private final Endpoint endpoint = new Endpoint() {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }
    };

    /** Counts the service-file searches a ServiceLoader makes through the thread's context class loader. */
    private static final class CountingLoader extends ClassLoader {
        final AtomicInteger lookups = new AtomicInteger();

        CountingLoader(ClassLoader parent) {
            super(parent);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            if (name.equals(SERVICE)) lookups.incrementAndGet();
            return super.getResources(name);
        }
    }

    @Test
    void handshakesDoNotEachSearchTheClassPathForTheContainersDefaultConfigurator() {
        var thread = Thread.currentThread();
        var original = thread.getContextClassLoader();
        var counting = new CountingLoader(original);
        thread.setContextClassLoader(counting);
        try {
            // what the container got before: Spring's registration, one per handshake, one search each
            for (int i = 0; i < 3; i++) new ServerEndpointRegistration("/ws", endpoint).checkOrigin("http://game.example");
            assertThat(counting.lookups).hasValue(3);

            counting.lookups.set(0);
            for (int i = 0; i < 50; i++) {
                var config = OneLookupUpgrade.withSharedDefaults(new ServerEndpointRegistration("/ws", endpoint));
                assertThat(config.getConfigurator().checkOrigin("http://game.example")).isTrue();
            }
            // at most the shared configurator's own first search (none if another test made it already)
            assertThat(counting.lookups.get()).isLessThanOrEqualTo(1);
        } finally {
            thread.setContextClassLoader(original);
        }
    }

    @Test
    void theContainerGetsSpringsEndpointAndChoicesUnchanged() throws Exception {
        var spring = new ServerEndpointRegistration("/ws", endpoint);
        spring.setSubprotocols(List.of("v12.stomp"));
        var config = OneLookupUpgrade.withSharedDefaults(spring);

        assertThat(config.getPath()).isEqualTo("/ws");
        assertThat(config.getSubprotocols()).containsExactly("v12.stomp");
        assertThat(config.getExtensions()).isEmpty();
        assertThat(config.getEndpointClass()).isEqualTo(spring.getEndpointClass());
        assertThat(config.getUserProperties()).isSameAs(spring.getUserProperties());
        var configurator = config.getConfigurator();
        assertThat(configurator.getEndpointInstance(Endpoint.class)).isSameAs(endpoint);
        assertThat(configurator.getNegotiatedSubprotocol(List.of("v12.stomp", "v11.stomp"), List.of("v11.stomp", "v12.stomp")))
                .isEqualTo(spring.getNegotiatedSubprotocol(List.of("v12.stomp", "v11.stomp"), List.of("v11.stomp", "v12.stomp")));
        assertThat(configurator.getNegotiatedExtensions(List.of(), List.of())).isEmpty();
    }
}
