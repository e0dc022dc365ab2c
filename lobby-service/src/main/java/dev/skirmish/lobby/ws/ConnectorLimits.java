package dev.skirmish.lobby.ws;

import org.eclipse.jetty.server.ServerConnector;
import org.springframework.boot.jetty.JettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The accept queue of the lobby's listening socket ({@code skirmish.lobby.accept-queue}, {@link
 * StompTransportProperties}). Jetty asks the kernel for the JVM's default of 50 pending connections; a burst of
 * players joining at once (a match ending, a lobby restart: every client reconnects) overflows it, and each
 * connection that does not fit waits for the kernel's SYN retry, a second or more, before its STOMP join even starts.
 * The cap on open connections is Boot's {@code server.jetty.max-connections} (application.yml).
 */
@Configuration(proxyBeanMethods = false)
class ConnectorLimits {
    @Bean
    JettyServerCustomizer acceptQueue(StompTransportProperties transport) {
        int size = transport.acceptQueue();
        return server -> {
            for (var connector : server.getConnectors()) {
                if (connector instanceof ServerConnector network) network.setAcceptQueueSize(size);
            }
        };
    }
}
