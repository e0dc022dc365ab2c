package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.delivery.DeliveryRun;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.simp.stomp.StompHeaders;

/**
 * Fan-out {@code node}: what RabbitMQ delivers to the node, handed from the STOMP client's one I/O thread to one
 * ordered consumer thread of its own, which splits bundles and delivers to this node's broker. The I/O thread only
 * decodes and queues, so a slow delivery (a room's members read from PostgreSQL, a full pool, a busy machine) never
 * stops the node from reading RabbitMQ (its heartbeats, RECEIPTs) nor from writing to it: Spring's STOMP session
 * waits for each write, and that write needs the same I/O thread. One consumer keeps the order RabbitMQ delivered in,
 * so a room's events and chat lines reach clients in publish order.
 * <p>Bounded at {@link #MAX_QUEUED_BYTES} of frame bodies. A frame that finds the queue full is not queued: its lines
 * are counted ({@code lobby_cluster_bridge_inbound_dropped}) and a WARN says how many were dropped (at most one
 * WARN per {@link #WARN_EVERY_NANOS}). Those lines are stored already (chat is stored before it is published); this
 * node's clients miss them live and read them in the room's history (docs/scaling.md).
 */
final class BridgeInbound {
    private static final Logger log = LoggerFactory.getLogger(BridgeInbound.class);
    /** Several seconds of a goal-size node's inbound traffic (~1 MiB/s): a burst passes, a stuck consumer does not grow the heap. */
    static final long MAX_QUEUED_BYTES = 32L * 1024 * 1024;
    static final long WARN_EVERY_NANOS = 10_000_000_000L;

    /** Handles one frame on the consumer thread. */
    interface Handler {
        void handle(StompHeaders headers, byte[] body);
    }

    private record Frame(StompHeaders headers, byte[] body, Runnable task) {
    }

    private final Handler handler;
    /** A refused frame may have carried a room's event: told so that copies it would have dropped are dropped. */
    private final Runnable missed;
    private final long maxBytes;
    private final LinkedBlockingQueue<Frame> queue = new LinkedBlockingQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final Counter dropped;
    private final AtomicLong droppedSinceWarn = new AtomicLong();
    private final AtomicLong lastWarn = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);
    private final Thread consumer;

    BridgeInbound(Handler handler, MeterRegistry meters, Runnable missed) {
        this(handler, meters, MAX_QUEUED_BYTES, missed);
    }

    BridgeInbound(Handler handler, MeterRegistry meters, long maxBytes, Runnable missed) {
        this.handler = handler;
        this.missed = missed;
        this.maxBytes = maxBytes;
        this.dropped = Counter.builder("lobby.cluster.bridge.inbound.dropped")
                .description("lines from other nodes not delivered to this node's clients: the bridge's inbound queue was full").register(meters);
        this.consumer = Thread.ofPlatform().daemon().name("bridge-inbound").start(this::consume);
    }

    /** Called on the I/O thread: queues the frame, never waits. False when the queue was full (counted, WARNed). */
    boolean offer(StompHeaders headers, byte[] body) {
        long size = body.length;
        if (queuedBytes.addAndGet(size) > maxBytes) {
            queuedBytes.addAndGet(-size);
            refused(body);
            missed.run();
            return false;
        }
        queue.add(new Frame(headers, body, null));
        return true;
    }

    /** Runs a task in order with the frames (a new connection's subscriptions): never refused, it carries no line. */
    void run(Runnable task) {
        queue.add(new Frame(null, null, task));
    }

    long queuedBytes() {
        return queuedBytes.get();
    }

    void stop() {
        consumer.interrupt();
    }

    private void refused(byte[] body) {
        int lines = Bundle.lineCount(body);
        dropped.increment(lines);
        long total = droppedSinceWarn.addAndGet(lines);
        long now = System.nanoTime();
        long last = lastWarn.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarn.compareAndSet(last, now)) {
            droppedSinceWarn.addAndGet(-total);
            log.warn("{} lines from other nodes not delivered to this node's clients: the bridge's inbound queue holds {} bytes "
                    + "(bound {}); they are stored, clients read them in the history", total, queuedBytes.get(), maxBytes);
        }
    }

    private void consume() {
        while (!Thread.currentThread().isInterrupted()) {
            Frame f;
            try {
                f = queue.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (f == null) continue;
            try {
                if (f.task() != null) {
                    f.task().run();
                } else {
                    queuedBytes.addAndGet(-f.body().length);
                    // a bundle's lines for one connection go out in one socket write (see DeliveryRun)
                    DeliveryRun.run(() -> handler.handle(f.headers(), f.body()));
                }
            } catch (RuntimeException e) {
                // one bad frame or a broker hiccup must not end the node's only consumer
                log.warn("frame from RabbitMQ not delivered: {}", e.toString());
            }
        }
    }
}
