package dev.skirmish.lobby.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The service on a random loopback port, driven over HTTP and STOMP like a game client would. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
@ActiveProfiles("test")
public abstract class IntegrationTestBase {
    private static final java.util.concurrent.atomic.AtomicInteger SEQ = new java.util.concurrent.atomic.AtomicInteger();

    @LocalServerPort
    protected int port;
    protected Http http;

    @DynamicPropertySource
    static void orchestrator(DynamicPropertyRegistry registry) {
        FakeOrchestrator.register(registry);
    }

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    protected static String name(String prefix) {
        return prefix + SEQ.incrementAndGet();
    }
}
