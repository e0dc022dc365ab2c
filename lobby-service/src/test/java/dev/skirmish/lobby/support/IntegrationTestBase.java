package dev.skirmish.lobby.support;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.awaitility.Awaitility.await;

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

    @Autowired
    private SimpUserRegistry users;
    @Autowired
    private SimpleBrokerMessageHandler broker;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    /** Connects and waits until its {@code /user/queue/errors} subscription is live. */
    protected StompTestClient connect(String playerId, String token) {
        var c = StompTestClient.connect(port, token);
        awaitSubscribed(playerId, "/user/queue/errors");
        return c;
    }

    /**
     * SUBSCRIBE frames are handled asynchronously; this waits until the broker itself routes each destination to
     * one of the player's sessions, so a test never races its own subscriptions.
     */
    protected void awaitSubscribed(String playerId, String... destinations) {
        for (String dest : destinations) {
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                var user = users.getUser(playerId);
                if (user == null) return false;
                for (var session : user.getSessions()) {
                    String target = dest.startsWith("/user/") ? dest.substring(5) + "-user" + session.getId() : dest;
                    var headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
                    headers.setDestination(target);
                    var message = MessageBuilder.createMessage(new byte[0], headers.getMessageHeaders());
                    if (broker.getSubscriptionRegistry().findSubscriptions(message).containsKey(session.getId())) return true;
                }
                return false;
            });
        }
    }

    /** Waits until the player's STOMP connection is registered (CONNECT handled), and returns it. */
    protected org.springframework.messaging.simp.user.SimpUser awaitUser(String playerId) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> users.getUser(playerId), user -> user != null && user.hasSessions());
    }

    /**
     * Two players on the lobby chat, both subscribed before this returns: one on a raw socket that never reads and
     * one that reads and chats (the slow-client tests' set-up).
     */
    protected StalledAndReader stalledAndReader(String stalledPrefix) throws java.io.IOException {
        var stalled = http.guest(name(stalledPrefix));
        var reader = http.guest(name("reader"));
        String stalledId = stalled.get("id").asString();
        String readerId = reader.get("id").asString();
        var socket = new RawStompSocket(port, stalled.get("token").asString());
        StompTestClient r = null;
        try {
            socket.subscribe("0", "/topic/lobby/chat");
            r = connect(readerId, reader.get("token").asString());
            var hears = r.subscribe("/topic/lobby/chat");
            awaitSubscribed(stalledId, "/topic/lobby/chat");
            awaitSubscribed(readerId, "/topic/lobby/chat");
            return new StalledAndReader(stalledId, socket, r, hears);
        } catch (java.io.IOException | RuntimeException e) {
            if (r != null) r.close();
            socket.close();
            throw e;
        }
    }

    protected static String name(String prefix) {
        return prefix + SEQ.incrementAndGet();
    }
}
