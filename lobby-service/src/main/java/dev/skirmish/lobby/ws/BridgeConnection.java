package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.config.ClusterProperties;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.simp.stomp.ReactorNettyTcpStompClient;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompReactorNettyCodec;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.messaging.tcp.reactor.ReactorNettyTcpClient;
import org.springframework.scheduling.TaskScheduler;

/**
 * Fan-out {@code node}: the node's one STOMP connection to RabbitMQ and what is subscribed on it: connecting and
 * retrying every {@code skirmish.cluster.bridge-retry}, the node's fixed subscriptions (user messages, bundles) and
 * the rooms' ({@link BridgeTopics}) made again on every new connection, and sends. What RabbitMQ delivers goes to
 * {@link BridgeInbound}, so the client's one I/O thread only decodes and queues: it never waits for a delivery nor
 * for a write (Spring's session waits for each write to be done, and the write needs that thread), and the
 * subscriptions of a new connection are made on the inbound consumer, not on the thread that reads CONNECTED.
 */
final class BridgeConnection {
    private static final Logger log = LoggerFactory.getLogger(BridgeConnection.class);

    private final ClusterProperties cluster;
    private final TaskScheduler scheduler;
    private final BridgeTopics topics;
    private final BridgeInbound inbound;
    private final String node;
    private final String bundleTopic;
    /** Events from other nodes may have been missed (the connection was lost, or made and not yet heard from). */
    private final Runnable missed;
    private final AtomicLong receipts = new AtomicLong();
    private final Frames frames = new Frames();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean retrying = new AtomicBoolean();
    private volatile ReactorNettyTcpStompClient client;
    private volatile UnwaitedWrites writes;
    private volatile StompSession session;
    /** Bundles on: completes when RabbitMQ confirmed this connection's subscription to the bundle topic. */
    private volatile CompletableFuture<Void> bundlesHeard = CompletableFuture.completedFuture(null);

    BridgeConnection(ClusterProperties cluster, TaskScheduler scheduler, BridgeTopics topics, BridgeInbound inbound, String node,
                     String bundleTopic, Runnable missed) {
        this.bundleTopic = bundleTopic;
        this.cluster = cluster;
        this.missed = missed;
        this.scheduler = scheduler;
        this.topics = topics;
        this.inbound = inbound;
        this.node = node;
    }

    void start() {
        if (!running.compareAndSet(false, true)) return;
        // the node's own frames are dropped as they are decoded (OwnFramesDropped), before Spring's client handles them
        var tcp = new ReactorNettyTcpClient<byte[]>(cluster.relayHost(), cluster.relayPort(), new StompReactorNettyCodec(new OwnFramesDropped(node)));
        // Spring's session waits for every write; this client reports a write done at once within a bound of bytes in flight
        writes = new UnwaitedWrites(tcp, cluster.bridgeMaxBytesInFlight());
        client = new ReactorNettyTcpStompClient(writes);
        client.setTaskScheduler(scheduler);
        client.setReceiptTimeLimit(BridgeRegistry.WAIT.toMillis());
        client.setDefaultHeartbeat(new long[] {cluster.relayHeartbeatSend().toMillis(), cluster.relayHeartbeatReceive().toMillis()});
        connect();
    }

    void stop() {
        if (!running.compareAndSet(true, false)) return;
        StompSession s = session;
        session = null;
        topics.disconnected();
        if (s != null && s.isConnected()) s.disconnect();
        client.shutdown();
    }

    boolean running() {
        return running.get();
    }

    boolean connected() {
        StompSession s = session;
        return s != null && s.isConnected();
    }

    /**
     * Hands one frame to the connection; false when the node is not connected (the caller counts it). Waits only when
     * the bytes in flight are over {@code bridge-max-bytes-in-flight} ({@link UnwaitedWrites}); {@code failed} runs if
     * the write fails after this returned true (the connection is then closed and made again).
     */
    boolean send(StompHeaders headers, byte[] body, Runnable failed) {
        StompSession s = session;
        try {
            if (s == null || !s.isConnected()) throw new IllegalStateException("not connected");
            s.send(headers, body);
        } catch (RuntimeException e) {
            log.debug("not sent to other nodes: {} ({})", headers.getDestination(), e.toString());
            return false;
        }
        CompletableFuture<Void> written = writes.takeLastWrite();
        if (written != null) written.whenComplete((done, e) -> {
            if (e != null) failed.run();
        });
        return true;
    }

    /** Bytes handed to the connection and not yet written: for tests and the node's health. */
    long bytesInFlight() {
        UnwaitedWrites w = writes;
        return w == null ? 0 : w.bytesInFlight();
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

    /** On the inbound consumer, after the old connection's frames: subscribes what the node listens to. */
    private void subscribeAll(StompSession s) {
        if (!s.isConnected()) return; // lost already: its loss retries, and the next connection subscribes
        s.subscribe(NodeBridge.USER_TOPIC, frames);
        missed.run();
        if (cluster.bundles()) {
            bundlesHeard = withReceipt(s, bundleTopic).ready();
            // what was read before RabbitMQ confirmed the subscription may predate an event that went to no one here
            bundlesHeard.thenRun(missed);
        }
        session = s;
        topics.connected(destination -> subscribe(s, destination));
        log.info("bridge to RabbitMQ at {}:{} connected, subscribed to {} topics", cluster.relayHost(), cluster.relayPort(), topics.subscribed().size());
    }

    private final class Handler extends StompSessionHandlerAdapter {
        @Override
        public void afterConnected(StompSession s, StompHeaders connected) {
            inbound.run(() -> {
                try {
                    subscribeAll(s);
                } catch (RuntimeException e) {
                    log.debug("subscriptions not made: {}", e.toString()); // the connection is going: its loss retries
                }
            });
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
            missed.run();
            log.warn("bridge to RabbitMQ lost ({}); reconnecting in {}", e.toString(), cluster.bridgeRetry());
            retry();
        }
    }

    /** Subscribes to one RabbitMQ destination; ready once RabbitMQ's RECEIPT is back (or lost: see the client's time limit). */
    private BridgeTopics.Subscribed subscribe(StompSession s, String destination) {
        // bundles carry every topic on the one destination the node listens to from its connection on: a room's first
        // subscriber waits for that one's RECEIPT
        return cluster.bundles() ? new BridgeTopics.Subscribed(() -> { }, bundlesHeard) : withReceipt(s, destination);
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

    /** What RabbitMQ delivers on every subscription of the node: queued, on the I/O thread; delivered by the consumer. */
    private final class Frames extends StompSessionHandlerAdapter {
        @Override
        public Type getPayloadType(StompHeaders headers) {
            return byte[].class;
        }

        @Override
        public void handleFrame(StompHeaders headers, Object payload) {
            inbound.offer(headers, (byte[]) payload);
        }
    }
}
