package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.config.ClusterProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Profile;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.stomp.ReactorNettyTcpStompClient;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompReactorNettyCodec;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.tcp.reactor.ReactorNettyTcpClient;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Profile {@code cluster} with {@code skirmish.cluster.fanout=node} (the default): each node keeps ONE STOMP connection to
 * RabbitMQ instead of one per client session. Clients subscribe to this node's own broker (the simple broker with
 * the serialise-once {@link FanoutBroker}, as on one node). Every {@code /topic} message the lobby publishes is
 * delivered to this node's subscribers and sent once to RabbitMQ. The node listens only to the topics its own
 * players are subscribed to ({@link BridgeTopics}: a room's events and chat on one subscription per room, made with
 * the room's first local subscriber and dropped with its last), and hands what other nodes published there to its own
 * broker. A {@code /user/...} message is also delivered here and sent once to RabbitMQ, and each other node delivers
 * it to that user's sessions it holds. So a chat line costs RabbitMQ one message per node with members in the room,
 * not one per subscriber, and the lobby one frame encoding per node. A node's own messages come back from RabbitMQ
 * (for rooms it has members in) and are dropped by the node id header they carry as they are decoded
 * ({@link OwnFramesDropped}), before Spring's client handles them.
 * While RabbitMQ is unreachable, local deliveries go on, sends to other nodes are counted as lost
 * ({@code lobby_cluster_bridge_unsent}) and the connection is retried every {@code skirmish.cluster.bridge-retry};
 * every current subscription is made again on every new connection.
 * <p>With {@code skirmish.cluster.bundle-window} above 0 (off by default) a node's publications for other nodes leave in
 * bundles ({@link Bundler}, {@link Bundle}): one RabbitMQ frame per window on {@link #BUNDLE_TOPIC}, which every node
 * listens to from its connection on, instead of one frame per line on the room's topic; room events, chat, the lobby's
 * topics and user messages alike, so what a client sees of a room keeps its order. A received bundle is split here and
 * each line handed to this node's broker as a single frame is, so clients get the same frames. A malformed bundle is
 * dropped whole ({@code lobby_cluster_bundles_dropped}, a WARN).
 */
@Component
@Profile("cluster")
@ConditionalOnProperty(name = "skirmish.cluster.fanout", havingValue = "node", matchIfMissing = true)
class NodeBridge implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(NodeBridge.class);
    static final String ORIGIN = "x-skirmish-node";
    static final String USER_DESTINATION = "x-skirmish-user";
    /** In-process marker of a message that came from RabbitMQ: it is delivered here and never sent back. */
    static final String BRIDGED = "skirmishBridged";
    /** RabbitMQ's topic destination for user messages (a routing key without slashes). */
    static final String USER_TOPIC = "/topic/skirmish.user";
    /** Far above any event or chat line the lobby publishes (a client frame is at most 16 KiB): larger is not ours. */
    static final int MAX_BODY = 64 * 1024;
    /** Every node's bundles, heard by every node (a routing key of RabbitMQ's topic exchange no client can subscribe to). */
    static final String BUNDLE_TOPIC = "/topic/skirmish.bundles";
    private static final String OCTETS = "application/octet-stream";

    private final String node = UUID.randomUUID().toString();
    private final ClusterProperties cluster;
    private final TaskScheduler scheduler;
    private final MessageChannel brokerChannel;
    private final Counter unsent;
    private final BundleInbox inbox;
    private final Bundler bundler;
    private final BridgeTopics topics;
    private final AtomicLong receipts = new AtomicLong();
    private final Frames frames = new Frames();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean retrying = new AtomicBoolean();
    private volatile ReactorNettyTcpStompClient client;
    private volatile StompSession session;
    /** Bundles on: completes when RabbitMQ confirmed this connection's subscription to {@link #BUNDLE_TOPIC}. */
    private volatile CompletableFuture<Void> bundlesHeard = CompletableFuture.completedFuture(null);

    NodeBridge(ClusterProperties cluster, TaskScheduler lobbyScheduler, @Lazy @Qualifier("brokerChannel") MessageChannel brokerChannel,
               MeterRegistry meters, BridgeTopics topics) {
        this.cluster = cluster;
        this.topics = topics;
        this.scheduler = lobbyScheduler;
        this.brokerChannel = brokerChannel;
        this.unsent = Counter.builder("lobby.cluster.bridge.unsent").description("messages for other nodes not sent: RabbitMQ unreachable").register(meters);
        this.inbox = new BundleInbox(meters, this::deliver);
        this.bundler = cluster.bundles() ? new Bundler(cluster.bundleWindow(), cluster.bundleMaxBytes(), cluster.bundleMaxLines(), this::sendBundle, meters) : null;
    }

    /** A message the lobby published on this node: also to RabbitMQ when other nodes need it. */
    void outbound(Message<?> message) {
        MessageHeaders headers = message.getHeaders();
        if (headers.containsKey(BRIDGED) || SimpMessageHeaderAccessor.getMessageType(headers) != SimpMessageType.MESSAGE) return;
        String dest = SimpMessageHeaderAccessor.getDestination(headers);
        if (dest == null || !(message.getPayload() instanceof byte[] body)) return;
        if (bundler != null) {
            bundle(headers, dest, body);
            return;
        }
        var stomp = new StompHeaders();
        if (dest.startsWith("/topic/")) {
            stomp.setDestination(RelayDestinations.toBroker(dest));
        } else if (dest.startsWith("/user/") && SimpMessageHeaderAccessor.getSessionId(headers) == null) {
            // a reply to one session (@SendToUser) names it: that session is on this node, nothing to send
            stomp.setDestination(USER_TOPIC);
            stomp.set(USER_DESTINATION, dest);
        } else {
            return;
        }
        Object contentType = headers.get(MessageHeaders.CONTENT_TYPE);
        if (contentType != null) stomp.set(StompHeaders.CONTENT_TYPE, contentType.toString());
        stomp.set(ORIGIN, node);
        StompSession s = session;
        try {
            if (s == null || !s.isConnected()) throw new IllegalStateException("not connected");
            s.send(stomp, body);
        } catch (RuntimeException e) {
            unsent.increment();
            log.debug("not sent to other nodes: {} ({})", dest, e.toString());
        }
    }

    /** Bundles on: the line joins this node's open bundle (to every other node, whoever listens there). */
    private void bundle(MessageHeaders headers, String dest, byte[] body) {
        if (!dest.startsWith("/topic/") && !(dest.startsWith("/user/") && SimpMessageHeaderAccessor.getSessionId(headers) == null)) return;
        if (!connected()) {
            unsent.increment();
            log.debug("not sent to other nodes: {} (not connected)", dest);
            return;
        }
        Object contentType = headers.get(MessageHeaders.CONTENT_TYPE);
        if (!bundler.add(dest, contentType == null ? null : contentType.toString(), body)) {
            unsent.increment();
            log.warn("not sent to other nodes: a line for {} of {} bytes exceeds a bundle's bounds", dest, body.length);
        }
    }

    /** Called by the bundler's one sender thread: the bundles leave in order. */
    private boolean sendBundle(byte[] bundle, int lines) {
        var stomp = new StompHeaders();
        stomp.setDestination(BUNDLE_TOPIC);
        stomp.set(StompHeaders.CONTENT_TYPE, OCTETS);
        stomp.set(ORIGIN, node);
        StompSession s = session;
        try {
            if (s == null || !s.isConnected()) throw new IllegalStateException("not connected");
            s.send(stomp, bundle);
            return true;
        } catch (RuntimeException e) {
            unsent.increment(lines);
            log.debug("bundle of {} lines not sent to other nodes ({})", lines, e.toString());
            return false;
        }
    }

    /** A message another node published: to this node's broker, as if published here. */
    void inbound(StompHeaders stomp, byte[] body) {
        if (node.equals(stomp.getFirst(ORIGIN))) return;
        if (BUNDLE_TOPIC.equals(stomp.getDestination())) {
            inbox.accept(body);
            return;
        }
        if (body.length > MAX_BODY) return;
        String dest = USER_TOPIC.equals(stomp.getDestination()) ? stomp.getFirst(USER_DESTINATION) : RelayDestinations.toClient(stomp.getDestination());
        deliver(dest, stomp.getContentType() == null ? null : stomp.getContentType().toString(), body);
    }

    private void deliver(String dest, String contentType, byte[] body) {
        if (dest == null || !(dest.startsWith("/topic/") || dest.startsWith("/user/"))) return;
        var accessor = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        accessor.setDestination(dest);
        if (contentType != null) accessor.setContentType(org.springframework.util.MimeType.valueOf(contentType)); // Spring caches the parse
        accessor.setHeader(BRIDGED, Boolean.TRUE);
        brokerChannel.send(MessageBuilder.createMessage(body, accessor.getMessageHeaders()));
    }

    private void connect() {
        retrying.set(false);
        if (!running.get()) return;
        var headers = new StompHeaders();
        headers.setLogin(cluster.relayLogin());
        headers.setPasscode(cluster.relayPasscode());
        headers.setHost(cluster.relayVirtualHost());
        client.connectAsync(headers, new Handler()).whenComplete((s, e) -> {
            if (e != null) {
                log.warn("RabbitMQ at {}:{} not reachable ({}); retrying in {}", cluster.relayHost(), cluster.relayPort(), e.getMessage(), cluster.bridgeRetry());
                retry();
            }
        });
    }

    private void retry() {
        if (running.get() && retrying.compareAndSet(false, true)) scheduler.schedule(this::connect, Instant.now().plus(cluster.bridgeRetry()));
    }

    private final class Handler extends StompSessionHandlerAdapter {
        @Override
        public void afterConnected(StompSession s, StompHeaders connected) {
            s.subscribe(USER_TOPIC, frames);
            if (bundler != null) bundlesHeard = withReceipt(s, BUNDLE_TOPIC).ready();
            session = s;
            topics.connected(destination -> subscribe(s, destination));
            log.info("bridge to RabbitMQ at {}:{} connected, subscribed to {} topics", cluster.relayHost(), cluster.relayPort(), topics.subscribed().size());
        }

        @Override
        public Type getPayloadType(StompHeaders headers) {
            return byte[].class;
        }

        @Override
        public void handleException(StompSession s, StompCommand command, StompHeaders headers, byte[] payload, Throwable e) {
            log.warn("bridge frame {} not handled: {}", command, e.toString());
        }

        @Override
        public void handleTransportError(StompSession s, Throwable e) {
            // connection lost (or an ERROR frame): a new connection, and the subscription with it
            StompSession current = session;
            if (current != null && current != s) return; // an old connection's last words
            session = null;
            topics.disconnected();
            log.warn("bridge to RabbitMQ lost ({}); reconnecting in {}", e.toString(), cluster.bridgeRetry());
            retry();
        }
    }

    /** Subscribes to one RabbitMQ destination; ready once RabbitMQ's RECEIPT is back (or lost: see the client's time limit). */
    private BridgeTopics.Subscribed subscribe(StompSession s, String destination) {
        // bundles carry every topic on the one destination the node listens to from its connection on: a room's first
        // subscriber waits for that one's RECEIPT
        return bundler == null ? withReceipt(s, destination) : new BridgeTopics.Subscribed(() -> { }, bundlesHeard);
    }

    private BridgeTopics.Subscribed withReceipt(StompSession s, String destination) {
        var ready = new CompletableFuture<Void>();
        var headers = new StompHeaders();
        headers.setDestination(destination);
        headers.setReceipt("b" + receipts.incrementAndGet());
        try {
            StompSession.Subscription subscription = s.subscribe(headers, frames);
            subscription.addReceiptTask(() -> ready.complete(null));
            subscription.addReceiptLostTask(() -> ready.complete(null));
            return new BridgeTopics.Subscribed(() -> unsubscribe(subscription), ready);
        } catch (RuntimeException e) {
            // the connection is going: its loss is reported next, and the new connection subscribes again
            log.debug("subscription to {} not made: {}", destination, e.toString());
            ready.complete(null);
            return new BridgeTopics.Subscribed(() -> { }, ready);
        }
    }

    private static void unsubscribe(StompSession.Subscription subscription) {
        try {
            subscription.unsubscribe();
        } catch (RuntimeException e) {
            log.debug("unsubscribe not sent: {}", e.toString());
        }
    }

    /** What RabbitMQ delivers on every subscription of the node. */
    private final class Frames extends StompSessionHandlerAdapter {
        @Override
        public Type getPayloadType(StompHeaders headers) {
            return byte[].class;
        }

        @Override
        public void handleFrame(StompHeaders headers, Object payload) {
            inbound(headers, (byte[]) payload);
        }
    }

    @Override
    public void start() {
        if (!running.compareAndSet(false, true)) return;
        // the node's own frames are dropped as they are decoded (OwnFramesDropped), before Spring's client handles them
        var tcp = new ReactorNettyTcpClient<byte[]>(cluster.relayHost(), cluster.relayPort(), new StompReactorNettyCodec(new OwnFramesDropped(node)));
        client = new ReactorNettyTcpStompClient(tcp);
        client.setTaskScheduler(scheduler);
        client.setReceiptTimeLimit(BridgeRegistry.WAIT.toMillis());
        client.setDefaultHeartbeat(new long[] {cluster.relayHeartbeatSend().toMillis(), cluster.relayHeartbeatReceive().toMillis()});
        connect();
    }

    @Override
    public void stop() {
        if (!running.compareAndSet(true, false)) return;
        if (bundler != null) bundler.shutdown(java.time.Duration.ofSeconds(2)); // the open bundle leaves before the connection closes
        StompSession s = session;
        session = null;
        topics.disconnected();
        if (s != null && s.isConnected()) s.disconnect();
        client.shutdown();
    }

    /** With the brokers: started after the beans it feeds, stopped before them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }

    String nodeId() {
        return node;
    }

    /** Connected: for tests and the health of the node. */
    boolean connected() {
        StompSession s = session;
        return s != null && s.isConnected();
    }
}
