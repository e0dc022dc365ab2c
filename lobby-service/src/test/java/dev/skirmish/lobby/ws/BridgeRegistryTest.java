package dev.skirmish.lobby.ws;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.broker.DefaultSubscriptionRegistry;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Fan-out {@code node}'s per-topic RabbitMQ subscriptions, with a broker stand-in that confirms subscriptions when
 * the test says so (RabbitMQ itself is in NodeBridgeIT). Faults they stop: a player whose RECEIPT comes back before
 * the node listens to the room on RabbitMQ, so another node's line accepted right after the RECEIPT never reaches
 * it; a node that keeps listening to rooms it has no member in any more (every line of them decoded for nothing); a
 * reconnect that forgets a room; a client's destination with RabbitMQ wildcards subscribing the node to other rooms.
 */
class BridgeRegistryTest {
    private final BridgeTopics topics = new BridgeTopics();
    private final BridgeRegistry registry = new BridgeRegistry(new DefaultSubscriptionRegistry(), topics, room -> { });
    private final StandIn rabbit = new StandIn();

    private static final class StandIn implements BridgeTopics.Broker {
        final List<String> subscribes = new ArrayList<>();
        final List<String> unsubscribes = new ArrayList<>();
        final List<CompletableFuture<Void>> pending = new ArrayList<>();
        volatile boolean confirmAtOnce;

        @Override
        public synchronized BridgeTopics.Subscribed subscribe(String destination) {
            subscribes.add(destination);
            var ready = new CompletableFuture<Void>();
            pending.add(ready);
            if (confirmAtOnce) ready.complete(null);
            return new BridgeTopics.Subscribed(() -> {
                synchronized (this) {
                    unsubscribes.add(destination);
                }
            }, ready);
        }

        synchronized void confirmAll() {
            pending.forEach(f -> f.complete(null));
        }
    }

    private static Message<byte[]> frame(SimpMessageType type, String session, String id, String destination) {
        var a = SimpMessageHeaderAccessor.create(type);
        a.setSessionId(session);
        a.setSubscriptionId(id);
        if (destination != null) a.setDestination(destination);
        return MessageBuilder.createMessage(new byte[0], a.getMessageHeaders());
    }

    private void subscribe(String session, String id, String destination) {
        registry.registerSubscription(frame(SimpMessageType.SUBSCRIBE, session, id, destination));
    }

    @Test
    void aFirstSubscriptionIsConfirmedOnlyOnceRabbitMqListensForTheNode() throws Exception {
        topics.connected(rabbit);
        var subscribed = CompletableFuture.runAsync(() -> subscribe("s1", "0", "/topic/rooms/r1/chat"));
        // a second subscriber of the same room meanwhile waits for the same confirmation, without a second SUBSCRIBE
        var second = CompletableFuture.runAsync(() -> subscribe("s2", "0", "/topic/rooms/r1"));
        assertThatThrownBy(() -> subscribed.get(300, TimeUnit.MILLISECONDS))
                .as("the client's SUBSCRIBE returned (its RECEIPT sent) before RabbitMQ confirmed the node's")
                .isInstanceOf(TimeoutException.class);
        assertThat(second).isNotDone();
        rabbit.confirmAll();
        subscribed.get(5, TimeUnit.SECONDS);
        second.get(5, TimeUnit.SECONDS);
        assertThat(rabbit.subscribes).containsExactly("/topic/rooms.r1.#");
    }

    @Test
    void theNodeStopsListeningToARoomWithItsLastLocalSubscriber() {
        rabbit.confirmAtOnce = true;
        topics.connected(rabbit);
        subscribe("s1", "0", "/topic/rooms/r1/chat");
        subscribe("s1", "1", "/topic/rooms/r1");
        subscribe("s2", "0", "/topic/rooms/r1/chat");
        registry.unregisterSubscription(frame(SimpMessageType.UNSUBSCRIBE, "s1", "0", null));
        registry.unregisterAllSubscriptions("s1");
        assertThat(rabbit.unsubscribes).as("s2 is still subscribed").isEmpty();
        registry.unregisterAllSubscriptions("s2");
        assertThat(rabbit.unsubscribes).containsExactly("/topic/rooms.r1.#");
        assertThat(topics.subscribed()).isEmpty();
    }

    @Test
    void aNewConnectionSubscribesEveryTopicThatHasALocalSubscriber() {
        // RabbitMQ unreachable: subscriptions are confirmed at once, the node listens once it connects
        subscribe("s1", "0", "/topic/lobby/chat");
        subscribe("s1", "1", "/topic/rooms");
        subscribe("s2", "0", "/topic/rooms/r2/chat");
        subscribe("s2", "1", "/user/queue/match");
        topics.connected(rabbit);
        assertThat(rabbit.subscribes).containsExactlyInAnyOrder("/topic/lobby.chat", "/topic/rooms", "/topic/rooms.r2.#");
        topics.disconnected();
        var again = new StandIn();
        topics.connected(again);
        assertThat(again.subscribes).containsExactlyInAnyOrderElementsOf(rabbit.subscribes);
    }

    @Test
    void aSecondSubscribeWithTheSameIdChangesNothingAsInSpringsRegistry() {
        // Spring keeps the first subscription of an id: counting the second would leave the node listening to a room
        // after the session is gone, or stop it listening to one a subscriber still hears
        rabbit.confirmAtOnce = true;
        topics.connected(rabbit);
        subscribe("s1", "0", "/user/queue/match");
        subscribe("s1", "0", "/topic/lobby/chat");
        assertThat(rabbit.subscribes).isEmpty();
        subscribe("s1", "1", "/topic/lobby/chat");
        subscribe("s1", "1", "/topic/rooms");
        // the subscription with id 1 is the lobby chat's, in Spring's registry and here
        registry.unregisterSubscription(frame(SimpMessageType.UNSUBSCRIBE, "s1", "1", null));
        assertThat(rabbit.subscribes).containsExactly("/topic/lobby.chat");
        assertThat(rabbit.unsubscribes).containsExactly("/topic/lobby.chat");
    }

    @Test
    void destinationsWithRabbitMqWildcardsAreNeverSubscribed() {
        assertThat(BridgeTopics.of("/topic/rooms/#/chat")).isNull();
        assertThat(BridgeTopics.of("/topic/rooms/*")).isNull();
        assertThat(BridgeTopics.of("/topic/lobby/#")).isNull();
        assertThat(BridgeTopics.of("/topic/skirmish.user")).isNull();
        assertThat(BridgeTopics.of("/queue/match-user1")).isNull();
        assertThat(BridgeTopics.of("/topic/rooms/3f1c2a9e-0000-4000-8000-000000000001")).isEqualTo("/topic/rooms.3f1c2a9e-0000-4000-8000-000000000001.#");
    }
}
