package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.config.ClusterProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.support.ExecutorSubscribableChannel;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The road from the node's RabbitMQ connection to its broker under fan-out {@code node}. Faults it stops: a slow
 * local delivery (a room's members read from PostgreSQL with the pool exhausted, a busy machine) holding the STOMP
 * client's one I/O thread, so the node stops reading RabbitMQ (its heartbeats, RECEIPTs, the next bundles) and stops
 * writing its own bundles, which wait for that same thread: the stall of the 16:13 two-node benchmark run
 * (docs/benchmarks.md); and a burst larger than the queue growing the heap or losing lines without a trace.
 */
class BridgeInboundTest {
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private static StompHeaders frame(String destination) {
        var h = new StompHeaders();
        h.setDestination(destination);
        h.set(NodeBridge.ORIGIN, "another-node");
        return h;
    }

    private static byte[] bundle(String... texts) {
        var w = new Bundle.Writer(64);
        for (String t : texts) w.add("/topic/lobby/chat", "application/json".getBytes(StandardCharsets.US_ASCII), json(t));
        return w.finish();
    }

    private static byte[] json(String text) {
        return ("{\"text\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aSlowLocalDeliveryDoesNotHoldTheThreadThatReadsRabbitMq() throws Exception {
        var slow = new CountDownLatch(1);
        List<String> delivered = new CopyOnWriteArrayList<>();
        var broker = new ExecutorSubscribableChannel();
        broker.subscribe(m -> {
            hold(slow);
            delivered.add(new String((byte[]) m.getPayload(), StandardCharsets.UTF_8));
        });
        var cluster = new ClusterProperties("127.0.0.1", 1, "guest", "guest", "/", Duration.ofSeconds(10), Duration.ofSeconds(10),
                Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofSeconds(30), "node", Duration.ofSeconds(2), true,
                Duration.ofMillis(2), 32768, 64, 4L << 20, true, null);
        var bridge = new NodeBridge(cluster, new ThreadPoolTaskScheduler(), broker, meters, new BridgeTopics(), () -> { });
        try {
            // the I/O thread's part: 200 bundles of 3 lines arrive while the first delivery is stuck
            var io = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 200; i++) bridge.received(frame(NodeBridge.BUNDLE_TOPIC), bundle("a" + i, "b" + i, "c" + i));
            });
            io.get(5, TimeUnit.SECONDS); // without the queue the first call waits for the delivery: a TimeoutException
            slow.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() == 600);
            assertThat(delivered.get(0)).contains("a0");
            assertThat(delivered.get(599)).contains("c199");
            for (int i = 0; i < 200; i++) assertThat(delivered.subList(3 * i, 3 * i + 3)).as("bundle %d in order", i)
                    .containsExactly(text("a" + i), text("b" + i), text("c" + i));
        } finally {
            slow.countDown();
            bridge.stop();
        }
    }

    @Test
    void aBurstLargerThanTheQueueIsRefusedCountedAndTheRestDeliveredInOrder() throws Exception {
        var slow = new CountDownLatch(1);
        List<String> delivered = new CopyOnWriteArrayList<>();
        byte[] one = bundle("x", "y");
        var missed = new java.util.concurrent.atomic.AtomicInteger();
        // room for exactly 3 bundles once the consumer holds the first one
        var inbound = new BridgeInbound((h, body) -> {
            hold(slow);
            delivered.add(h.getFirst("n"));
        }, meters, 3L * one.length, missed::incrementAndGet);
        try {
            for (int i = 0; i < 10; i++) {
                var h = frame(NodeBridge.BUNDLE_TOPIC);
                h.set("n", Integer.toString(i));
                boolean queued = inbound.offer(h, one);
                if (i == 0) await().atMost(Duration.ofSeconds(5)).until(() -> inbound.queuedBytes() == 0); // taken, stuck
                assertThat(queued).as("frame %d", i).isEqualTo(i <= 3);
            }
            assertThat(inbound.queuedBytes()).isEqualTo(3L * one.length);
            assertThat(meters.counter("lobby.cluster.bridge.inbound.dropped").count()).as("lines of 6 refused bundles").isEqualTo(12);
            // a refused bundle may hold a kick's event: the members' copies it would have dropped must go
            assertThat(missed).as("each refusal told").hasValue(6);
            slow.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> delivered.size() == 4);
            assertThat(delivered).containsExactly("0", "1", "2", "3");
            assertThat(inbound.offer(frame(NodeBridge.BUNDLE_TOPIC), one)).as("room again once delivered").isTrue();
        } finally {
            slow.countDown();
            inbound.stop();
        }
    }

    private static String text(String t) {
        return new String(json(t), StandardCharsets.UTF_8);
    }

    private static void hold(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
