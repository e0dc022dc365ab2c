package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.support.IntegrationTestBase;
import jakarta.servlet.Filter;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.VirtualThreadPool;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jetty's threads ({@link ConnectorThreads}): the connector's loops on platform threads, every request and every
 * WebSocket frame still on a virtual thread of Boot's bounded virtual pool, which runs.
 */
@Import(ConnectorThreadsTest.RecordThreads.class)
class ConnectorThreadsTest extends IntegrationTestBase {
    /** Whether the thread that served each request path was virtual. */
    static final Map<String, Boolean> VIRTUAL = new ConcurrentHashMap<>();

    @TestConfiguration
    static class RecordThreads {
        @Bean
        Filter recordRequestThread() {
            return (request, response, chain) -> {
                VIRTUAL.put(((jakarta.servlet.http.HttpServletRequest) request).getRequestURI(), Thread.currentThread().isVirtual());
                chain.doFilter(request, response);
            };
        }
    }

    @Autowired
    WebServerApplicationContext context;

    @Test
    void theSelectorRunsOnAPlatformThreadAndRequestsAndFramesOnVirtualThreadsOfTheBoundedPool() throws Exception {
        var pool = ((JettyWebServer) context.getWebServer()).getServer().getThreadPool();
        assertThat(pool).isInstanceOf(QueuedThreadPool.class);
        assertThat(VirtualThreads.getVirtualThreadsExecutor(pool)).isInstanceOf(VirtualThreadPool.class);
        assertThat(((VirtualThreadPool) VirtualThreads.getVirtualThreadsExecutor(pool)).isRunning()).isTrue();

        JsonNode player = http.guest(name("threads"));
        assertThat(VIRTUAL).containsEntry("/api/players/guest", true);
        try (var client = connect(player.get("id").asString(), player.get("token").asString())) {
            client.subscribeWithReceipt("/topic/lobby/chat").receipt().get(10, TimeUnit.SECONDS);
        }
        assertThat(VIRTUAL).containsEntry("/ws", true);
        // only platform threads are listed: the selector's loop is among them (on a virtual thread it would not be)
        assertThat(Thread.getAllStackTraces().values()).anySatisfy(stack ->
                assertThat(Arrays.stream(stack).map(StackTraceElement::getClassName)).contains("org.eclipse.jetty.io.ManagedSelector"));
    }
}
