package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.config.ClusterProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
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
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.support.MessageBuilder;
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
 * The connection and its subscriptions are {@link BridgeConnection}'s; what RabbitMQ delivers is queued by its I/O
 * thread and delivered here by one ordered consumer ({@link BridgeInbound}).
 * While RabbitMQ is unreachable, local deliveries go on, sends to other nodes are counted as lost
 * ({@code lobby_cluster_bridge_unsent}) and the connection is retried every {@code skirmish.cluster.bridge-retry};
 * every current subscription is made again on every new connection.
 * <p>With {@code skirmish.cluster.bundle-window} above 0 (the default, 2 ms) a node's publications for other nodes leave in
 * bundles ({@link Bundler}, {@link Bundle}): one RabbitMQ frame per window on {@link #BUNDLE_TOPIC}, which every node
 * listens to from its connection on, instead of one frame per line on the room's topic; room events, chat, the lobby's
 * topics and user messages alike, so what a client sees of a room keeps its order. A received bundle is split here and
 * each line handed to this node's broker as a single frame is, so clients get the same frames. A malformed bundle is
 * dropped whole ({@code lobby_cluster_bundles_dropped}, a WARN).
 * <p>With bundles and {@code skirmish.cluster.interest-skip} (the default) a room's line that no other node listens to
 * stays here ({@link Interest}: room affinity's sender-side skip, told by the other nodes' interest frames in their
 * bundles, {@link InterestFrames}); docs/scaling.md, "Room affinity".
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
    /** Room affinity's clock: a hello every {@link Interest#HELLO_NANOS}, receipts and doubt settled within this. */
    private static final java.time.Duration TICK = java.time.Duration.ofMillis(100);

    private final String node = UUID.randomUUID().toString();
    private final MessageChannel brokerChannel;
    private final String bundleTopic;
    private final Counter unsent;
    private final BundleInbox inbox;
    private final Bundler bundler;
    private final BridgeInbound received;
    private final BridgeConnection connection;
    /** Room affinity's sender-side skip ({@code skirmish.cluster.interest-skip}, bundles only); null when off. */
    private final Interest interest;
    private final TaskScheduler scheduler;
    private final Counter interestDropped;
    private volatile ScheduledFuture<?> ticking;

    @Autowired
    NodeBridge(ClusterProperties cluster, TaskScheduler lobbyScheduler, @Lazy @Qualifier("brokerChannel") MessageChannel brokerChannel,
               MeterRegistry meters, BridgeTopics topics, ObjectProvider<RoomMembersCache> members) {
        this(cluster, lobbyScheduler, brokerChannel, meters, topics, () -> members.ifAvailable(RoomMembersCache::clear),
                room -> members.ifAvailable(m -> m.changed(room)));
    }

    NodeBridge(ClusterProperties cluster, TaskScheduler lobbyScheduler, MessageChannel brokerChannel, MeterRegistry meters,
               BridgeTopics topics, Runnable missed) {
        this(cluster, lobbyScheduler, brokerChannel, meters, topics, missed, room -> { });
    }

    /**
     * {@code missed}: events from other nodes may have been missed (the members' copies are read again);
     * {@code roomChanged}: whether this node hears a room's events changed (its copy of the room is read again).
     */
    NodeBridge(ClusterProperties cluster, TaskScheduler lobbyScheduler, MessageChannel brokerChannel, MeterRegistry meters,
               BridgeTopics topics, Runnable missed, Consumer<String> roomChanged) {
        this(cluster, lobbyScheduler, brokerChannel, meters, topics, missed, roomChanged, BUNDLE_TOPIC);
    }

    /** {@code bundleTopic}: {@link #BUNDLE_TOPIC} but in tests, whose nodes must not hear other clusters on a shared RabbitMQ. */
    NodeBridge(ClusterProperties cluster, TaskScheduler lobbyScheduler, MessageChannel brokerChannel, MeterRegistry meters,
               BridgeTopics topics, Runnable missed, Consumer<String> roomChanged, String bundleTopic) {
        this.bundleTopic = bundleTopic;
        this.brokerChannel = brokerChannel;
        this.scheduler = lobbyScheduler;
        this.unsent = Counter.builder("lobby.cluster.bridge.unsent").description("messages for other nodes not sent: RabbitMQ unreachable").register(meters);
        this.interestDropped = Counter.builder("lobby.cluster.interest.dropped").description("interest frames from RabbitMQ refused: malformed").register(meters);
        this.inbox = new BundleInbox(meters, this::deliver);
        this.interest = cluster.bundles() && cluster.interestSkip() ? new Interest(node, this::sendInterest, new Interest.Rooms() {
            @Override
            public void confirmed(String room) {
                topics.heard(room);
                roomChanged.accept(room);
            }

            @Override
            public void unconfirmed(String room) {
                topics.unheard(room);
                roomChanged.accept(room);
            }
        }, System::nanoTime) : null;
        this.bundler = cluster.bundles() ? new Bundler(cluster.bundleWindow(), cluster.bundleMaxBytes(), cluster.bundleMaxLines(), this::sendBundle, meters,
                interest == null ? room -> false : interest::skip) : null;
        this.received = new BridgeInbound(this::inbound, meters, interest == null ? missed : () -> {
            missed.run();
            interest.lost(false);
        });
        this.connection = new BridgeConnection(cluster, lobbyScheduler, topics, received, node, bundleTopic, interest == null ? missed : () -> {
            missed.run();
            interest.lost(true);
        });
        if (interest != null) {
            topics.interest(new BridgeTopics.RoomInterest() {
                @Override
                public CompletableFuture<Void> first(String room) {
                    return bundler.locked(() -> interest.localAdd(room));
                }

                @Override
                public void last(String room) {
                    bundler.locked(() -> interest.localRemove(room));
                }
            });
        }
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
        if (!connection.send(stomp, body, unsent::increment)) unsent.increment();
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
        // a room's line may stay here (room affinity): the bundler asks the interest under its lock
        String room = interest == null ? null : StompGuard.roomOfTopic(dest);
        if (!bundler.add(dest, room, contentType == null ? null : contentType.toString(), body)) {
            unsent.increment();
            log.warn("not sent to other nodes: a line for {} of {} bytes exceeds a bundle's bounds", dest, body.length);
        }
    }

    /** An interest frame into this node's stream (under the bundler's lock): lost while not connected, as lines are. */
    private void sendInterest(byte[] frame) {
        if (connection != null && connection.connected()) bundler.add(InterestFrames.DESTINATION, null, null, frame);
    }

    /** Room affinity's clock: hello, doubt's ends, silent peers, receipts' deadlines. */
    private void tick() {
        boolean connected = connection.connected();
        boolean idle = received.queuedBytes() < 64 * 1024;
        bundler.locked(() -> interest.tick(connected, idle));
    }

    /** Called by the bundler's one sender thread (never the connection's I/O thread): the bundles leave in order. */
    private boolean sendBundle(byte[] bundle, int lines) {
        var stomp = new StompHeaders();
        stomp.setDestination(bundleTopic);
        stomp.set(StompHeaders.CONTENT_TYPE, OCTETS);
        stomp.set(ORIGIN, node);
        if (connection.send(stomp, bundle, () -> unsent.increment(lines))) return true;
        unsent.increment(lines);
        return false;
    }

    /** A message another node published (on the inbound consumer's thread): to this node's broker, as if published here. */
    void inbound(StompHeaders stomp, byte[] body) {
        if (node.equals(stomp.getFirst(ORIGIN))) return;
        if (bundleTopic.equals(stomp.getDestination())) {
            String origin = stomp.getFirst(ORIGIN);
            if (interest != null && !interest.heard(origin) && InterestFrames.validId(origin)) bundler.locked(() -> interest.stranger(origin));
            inbox.accept(origin, body);
            return;
        }
        if (body.length > MAX_BODY) return;
        String dest = USER_TOPIC.equals(stomp.getDestination()) ? stomp.getFirst(USER_DESTINATION) : RelayDestinations.toClient(stomp.getDestination());
        deliver(dest, stomp.getContentType() == null ? null : stomp.getContentType().toString(), body);
    }

    /** What the connection's I/O thread does with a frame RabbitMQ delivered: queues it for {@link #inbound}, never waits. */
    boolean received(StompHeaders stomp, byte[] body) {
        return received.offer(stomp, body);
    }

    /** A bundle's line: an interest frame to the interest, anything else to this node's broker. */
    private void deliver(String origin, String dest, String contentType, byte[] body) {
        if (!InterestFrames.DESTINATION.equals(dest)) {
            deliver(dest, contentType, body);
            return;
        }
        if (interest == null) return; // the skip is off here: the node sends everything and needs nobody's interest
        InterestFrames.Frame frame;
        try {
            frame = InterestFrames.decode(body);
        } catch (InterestFrames.Malformed e) {
            interestDropped.increment();
            log.warn("interest frame from RabbitMQ dropped: {}", e.getMessage());
            return;
        }
        bundler.locked(() -> interest.received(origin, frame));
    }

    private void deliver(String dest, String contentType, byte[] body) {
        if (dest == null || !(dest.startsWith("/topic/") || dest.startsWith("/user/"))) return;
        var accessor = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        accessor.setDestination(dest);
        if (contentType != null) accessor.setContentType(org.springframework.util.MimeType.valueOf(contentType)); // Spring caches the parse
        accessor.setHeader(BRIDGED, Boolean.TRUE);
        brokerChannel.send(MessageBuilder.createMessage(body, accessor.getMessageHeaders()));
    }

    @Override
    public void start() {
        connection.start();
        if (interest != null) ticking = scheduler.scheduleAtFixedRate(this::tick, TICK);
    }

    @Override
    public void stop() {
        ScheduledFuture<?> t = ticking;
        if (t != null) t.cancel(false);
        if (bundler != null && connection.running()) bundler.shutdown(java.time.Duration.ofSeconds(2)); // the open bundle leaves before the connection closes
        connection.stop();
        received.stop();
    }

    /** With the brokers: started after the beans it feeds, stopped before them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    @Override
    public boolean isRunning() {
        return connection.running();
    }

    /** Room affinity's state under the bundler's lock (peers, doubtful peers, rooms of peers), or null when off: for tests. */
    int[] interestState() {
        if (interest == null) return null;
        return bundler.locked(() -> new int[] {interest.peers(), interest.doubtful(), interest.rooms()});
    }

    String nodeId() {
        return node;
    }

    /** Connected: for tests and the health of the node. */
    boolean connected() {
        return connection.connected();
    }
}
