package dev.skirmish.lobby.ws;

import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.VirtualThreadPool;
import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.jetty.JettyWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Jetty's threads with virtual threads on ({@code spring.threads.virtual.enabled}), in the shape Jetty's programming
 * guide recommends: a pool of platform threads for the connector's own loops (the acceptor, the selector) and Jetty's
 * non-blocking tasks, whose blocking tasks (a request, a WebSocket frame) each run on a virtual thread of Boot's
 * bounded {@link VirtualThreadPool}. Boot alone puts everything on that virtual pool (issue 19): the acceptor's
 * blocking accept and the selector's blocking select then ran on virtual threads, each blocking call parked through
 * the JDK's poller thread and woke through the carrier pool, several thread wake-ups and system calls per
 * connection and per frame. Requests and frames still run on virtual threads, as many at once as before.
 */
@Configuration(proxyBeanMethods = false)
class ConnectorThreads {
    /** After Boot's own customizer (order 1), which sets the virtual pool this wraps. */
    @Bean
    WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory> platformConnectorThreads() {
        return new PlatformConnectorThreads();
    }

    static final class PlatformConnectorThreads implements WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory>, Ordered {
        @Override
        public void customize(ConfigurableJettyWebServerFactory factory) {
            if (!(factory instanceof JettyWebServerFactory jetty) || !(jetty.getThreadPool() instanceof VirtualThreadPool virtual)) return;
            var pool = new QueuedThreadPool();
            pool.setName("jetty");
            pool.setVirtualThreadsExecutor(virtual);
            // Jetty does not start a virtual executor it is given: the pool starts and stops it as one of its own
            pool.addBean(virtual, true);
            factory.setThreadPool(pool);
        }

        @Override
        public int getOrder() {
            return 2;
        }
    }
}
