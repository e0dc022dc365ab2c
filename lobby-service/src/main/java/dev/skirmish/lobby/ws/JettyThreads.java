package dev.skirmish.lobby.ws;

import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * EXPERIMENT (issue 19, branch jetty19): {@code -Dskirmish.exp.jetty-pool=qtp} gives Jetty its own recommended pool,
 * platform threads for the selector and acceptor with virtual threads for the blocking tasks, instead of Boot's
 * {@code VirtualThreadPool} (every Jetty thread virtual, the selector included).
 */
@Configuration(proxyBeanMethods = false)
class JettyThreads {
    @Bean
    WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory> jettyPool() {
        return new Customizer();
    }

    private static final class Customizer implements WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory>, Ordered {
        @Override
        public void customize(ConfigurableJettyWebServerFactory factory) {
            if (!"qtp".equals(System.getProperty("skirmish.exp.jetty-pool"))) return;
            var pool = new QueuedThreadPool(8, 2);
            pool.setName("jetty-qtp");
            pool.setVirtualThreadsExecutor(VirtualThreads.getNamedVirtualThreadsExecutor("jetty-v"));
            factory.setThreadPool(pool);
        }

        @Override
        public int getOrder() {
            return 10; // after Boot's virtual-threads customizer (order 1)
        }
    }
}
