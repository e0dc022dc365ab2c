package dev.skirmish.lobby.ws;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.broker.SubscriptionRegistry;
import org.springframework.util.MultiValueMap;

/**
 * Fan-out {@code node}: this node's broker's subscription registry, which also tells {@link BridgeTopics} when a
 * topic gets its first local subscriber and loses its last. A first SUBSCRIBE waits (at most {@link #WAIT}) until
 * RabbitMQ confirmed the node's own subscription: the client's RECEIPT ({@link SubscribeReceipts}) goes out after
 * this returns, so a line another node accepts after the client read its RECEIPT is on its way to this node. With room
 * affinity's skip the wait also covers every live node's ack of this node's {@code +room} ({@link BridgeTopics#add}):
 * until a node acked it, it may keep the room's lines to itself.
 * Inbound frames are handled on the thread that read them, so the wait holds only that connection's frames.
 */
final class BridgeRegistry implements SubscriptionRegistry {
    private static final Logger log = LoggerFactory.getLogger(BridgeRegistry.class);
    /** RabbitMQ answers a SUBSCRIBE in milliseconds; past this the client's subscription is confirmed anyway. */
    static final Duration WAIT = Duration.ofSeconds(5);
    /** A subscription to a destination RabbitMQ does not carry for this node (a queue, a user destination). */
    private static final String NOT_BRIDGED = "";

    private final SubscriptionRegistry spring;
    private final BridgeTopics topics;
    private final Consumer<String> roomSubscribed;
    /** session → subscription id → RabbitMQ destination; emptied with the session (bounded as Spring's registry). */
    private final Map<String, Map<String, String>> bySession = new ConcurrentHashMap<>();

    /** {@code roomSubscribed}: told the room of every room topic a player of this node subscribes to. */
    BridgeRegistry(SubscriptionRegistry spring, BridgeTopics topics, Consumer<String> roomSubscribed) {
        this.spring = spring;
        this.topics = topics;
        this.roomSubscribed = roomSubscribed;
    }

    @Override
    public void registerSubscription(Message<?> subscribe) {
        spring.registerSubscription(subscribe);
        MessageHeaders h = subscribe.getHeaders();
        String session = SimpMessageHeaderAccessor.getSessionId(h);
        String id = SimpMessageHeaderAccessor.getSubscriptionId(h);
        String clientDestination = SimpMessageHeaderAccessor.getDestination(h);
        if (session == null || id == null || clientDestination == null) return; // Spring registered nothing either
        String room = StompGuard.roomOfTopic(clientDestination);
        if (room != null) roomSubscribed.accept(room);
        String destination = BridgeTopics.of(clientDestination);
        // Spring keeps the first subscription of an id and ignores a second SUBSCRIBE with it: so does this
        var ids = bySession.computeIfAbsent(session, s -> new ConcurrentHashMap<>());
        if (ids.putIfAbsent(id, destination == null ? NOT_BRIDGED : destination) != null || destination == null) return;
        await(topics.add(destination), destination);
    }

    @Override
    public void unregisterSubscription(Message<?> unsubscribe) {
        spring.unregisterSubscription(unsubscribe);
        MessageHeaders h = unsubscribe.getHeaders();
        String session = SimpMessageHeaderAccessor.getSessionId(h);
        String id = SimpMessageHeaderAccessor.getSubscriptionId(h);
        if (session == null || id == null) return;
        Map<String, String> ids = bySession.get(session);
        String destination = ids == null ? null : ids.remove(id);
        if (destination != null && !destination.equals(NOT_BRIDGED)) topics.remove(destination);
    }

    @Override
    public void unregisterAllSubscriptions(String sessionId) {
        spring.unregisterAllSubscriptions(sessionId);
        Map<String, String> ids = bySession.remove(sessionId);
        if (ids != null) ids.values().stream().filter(d -> !d.equals(NOT_BRIDGED)).forEach(topics::remove);
    }

    @Override
    public MultiValueMap<String, String> findSubscriptions(Message<?> message) {
        return spring.findSubscriptions(message);
    }

    SubscriptionRegistry spring() {
        return spring;
    }

    private static void await(CompletableFuture<Void> ready, String destination) {
        try {
            ready.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            log.warn("RabbitMQ did not confirm the subscription to {} within {}; the client's is confirmed anyway", destination, WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
