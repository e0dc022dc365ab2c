package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.config.ClusterProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.support.ExecutorSubscribableChannel;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Room affinity's sender-side skip between two real bridges on the test RabbitMQ (each test on a bundle topic of its
 * own, so other clusters on the shared RabbitMQ are not heard). What each test stops is in its javadoc.
 */
@EnabledIfEnvironmentVariable(named = "SKIRMISH_TEST_RABBITMQ_STOMP", matches = ".+",
        disabledReason = "needs RabbitMQ with rabbitmq_stomp (SKIRMISH_TEST_RABBITMQ_STOMP=host:port)")
class InterestBridgeTest {
    private final String topic = "/topic/skirmish.bundles.t" + UUID.randomUUID().toString().replace("-", "");
    private final List<Node> nodes = new ArrayList<>();

    /** One bridge with its own broker channel (what its clients would get), scheduler and meters. */
    private final class Node {
        final SimpleMeterRegistry meters = new SimpleMeterRegistry();
        /** Destination → texts delivered there, in order (a tight loop's lines: no copy per add). */
        final Map<String, Queue<String>> delivered = new ConcurrentHashMap<>();
        final ExecutorSubscribableChannel broker = new ExecutorSubscribableChannel();
        final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        final BridgeTopics topics = new BridgeTopics();
        final NodeBridge bridge;

        Node() {
            broker.subscribe(m -> delivered.computeIfAbsent(SimpMessageHeaderAccessor.getDestination(m.getHeaders()), d -> new ConcurrentLinkedQueue<>())
                    .add(new String((byte[]) m.getPayload(), StandardCharsets.UTF_8)));
            scheduler.setPoolSize(2);
            scheduler.initialize();
            String[] relay = System.getenv("SKIRMISH_TEST_RABBITMQ_STOMP").split(":");
            var cluster = new ClusterProperties(relay[0], Integer.parseInt(relay[1]), System.getenv().getOrDefault("SKIRMISH_TEST_RABBITMQ_LOGIN", "guest"),
                    System.getenv().getOrDefault("SKIRMISH_TEST_RABBITMQ_PASSCODE", "guest"), "/", Duration.ofSeconds(10), Duration.ofSeconds(10),
                    Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofSeconds(30), "node", Duration.ofMillis(500), true,
                    Duration.ofMillis(2), 32768, 64, 4L << 20, true, null);
            bridge = new NodeBridge(cluster, scheduler, broker, meters, topics, () -> { }, room -> { }, topic);
            bridge.start();
            nodes.add(this);
        }

        void publish(String destination, String text) {
            var accessor = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
            accessor.setDestination(destination);
            bridge.outbound(MessageBuilder.createMessage(text.getBytes(StandardCharsets.UTF_8), accessor.getMessageHeaders()));
        }

        double skipped() {
            return meters.counter("lobby.cluster.lines.skipped").count();
        }

        List<String> texts(String destination) {
            return List.copyOf(delivered.getOrDefault(destination, new ConcurrentLinkedQueue<>()));
        }

        boolean got(String destination, String text) {
            Queue<String> q = delivered.get(destination);
            return q != null && q.contains(text);
        }

        /** Knows {@code peers} peers, none in doubt: it skips. */
        boolean settled(int peers) {
            int[] s = bridge.interestState();
            return bridge.connected() && s[0] == peers && s[1] == 0 && skipsAnUnknownRoom();
        }

        private boolean skipsAnUnknownRoom() {
            double before = skipped();
            publish("/topic/rooms/probe-" + UUID.randomUUID() + "/chat", "probe");
            return skipped() > before;
        }
    }

    @AfterEach
    void stop() {
        for (Node n : nodes) {
            n.bridge.stop();
            n.scheduler.shutdown();
        }
    }

    private static String roomTopic(String room) {
        return "/topic/rooms." + room + ".#";
    }

    private void settle(Node... all) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (Node n : all) if (!n.settled(all.length - 1)) return false;
            return true;
        });
    }

    /**
     * Failure it stops: the point of the skip lost, every line still sent to every node. A line of a room no other
     * node listens to stays on its node (counted), while a room another node listens to and the lobby-wide topics
     * still reach it.
     */
    @Test
    void aLineOfARoomNoOtherNodeListensToIsNotSent() throws Exception {
        var a = new Node();
        var b = new Node();
        settle(a, b);
        double before = a.skipped();
        for (int i = 0; i < 100; i++) a.publish("/topic/rooms/lonely/chat", "l" + i);
        assertThat(a.skipped() - before).isEqualTo(100);

        b.topics.add(roomTopic("shared")).get(5, TimeUnit.SECONDS);
        a.publish("/topic/rooms/shared/chat", "s1");
        a.publish("/topic/lobby/chat", "lobby1");
        await().atMost(Duration.ofSeconds(5)).until(() -> b.texts("/topic/rooms/shared/chat").contains("s1") && b.texts("/topic/lobby/chat").contains("lobby1"));
        assertThat(b.texts("/topic/rooms/lonely/chat")).isEmpty();

        // the last subscriber leaves: the room is kept to its node again
        b.topics.remove(roomTopic("shared"));
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            double s = a.skipped();
            a.publish("/topic/rooms/shared/chat", "after");
            return a.skipped() > s;
        });
    }

    /**
     * The race: a member reconnects to node B and subscribes to its room while node A, knowing no other node listens
     * to it, keeps A's lines of the room to itself. Every line A publishes after B's subscription returned (the
     * client's RECEIPT) must reach B: B's subscription waits until A acked B's {@code +room}, which A applied under
     * the lock its lines are tested under. 30 rounds, each with a new room and A publishing in a tight loop.
     */
    @Test
    void everyLinePublishedAfterAFirstSubscriptionReturnedReachesItsNode() throws Exception {
        var a = new Node();
        var b = new Node();
        settle(a, b);
        for (int round = 0; round < 30; round++) {
            String room = "race-" + round + "-" + UUID.randomUUID().toString().substring(0, 8);
            String dest = "/topic/rooms/" + room + "/chat";
            var published = new AtomicInteger();
            var stop = new AtomicBoolean();
            var started = new CountDownLatch(1);
            Thread publisher = Thread.ofPlatform().start(() -> {
                started.countDown();
                while (!stop.get()) {
                    a.publish(dest, Integer.toString(published.incrementAndGet()));
                    if ((published.get() & 63) == 0) Thread.onSpinWait();
                }
            });
            started.await();
            Thread.sleep(5);
            b.topics.add(roomTopic(room)).get(10, TimeUnit.SECONDS);
            int after = published.get() + 1; // this line and every later one started after the subscription returned
            Thread.sleep(20);
            stop.set(true);
            publisher.join();
            int last = published.get();
            assertThat(last).as("round %d: lines published after the subscription", round).isGreaterThan(after);
            await().atMost(Duration.ofSeconds(20)).until(() -> b.got(dest, Integer.toString(last)));
            Set<String> got = ConcurrentHashMap.newKeySet();
            got.addAll(b.texts(dest));
            List<Integer> missing = new ArrayList<>();
            for (int i = after; i <= last; i++) if (!got.contains(Integer.toString(i))) missing.add(i);
            assertThat(missing).as("round %d: lines %d..%d published after B's subscription returned, missing at B", round, after, last).isEmpty();
            b.topics.remove(roomTopic(room));
        }
    }

    /**
     * Failure it stops: a node whose inbound queue refused a frame (which may have been another node's {@code +room})
     * going on skipping on what it knew before. It sends everything at once (the sender's test reads the flag the
     * refusal sets), and skips again only once the peers' snapshots came in.
     */
    @Test
    void aNodeThatRefusedAFrameSendsEverythingUntilSnapshotsArrive() throws Exception {
        var a = new Node();
        var b = new Node();
        settle(a, b);
        // A's consumer stuck on one delivery, then its inbound queue over its bound: a frame is refused
        var stuck = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        a.broker.subscribe(m -> {
            if ("/topic/lobby/stuck".equals(SimpMessageHeaderAccessor.getDestination(m.getHeaders()))) {
                stuck.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        var w = new Bundle.Writer(64);
        w.add("/topic/lobby/stuck", new byte[0], "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(a.bridge.received(frame(topic, b.bridge.nodeId()), w.finish())).isTrue();
        stuck.await(5, TimeUnit.SECONDS);
        byte[] junk = new byte[1 << 20];
        boolean refused = false;
        for (int i = 0; i < 40 && !refused; i++) refused = !a.bridge.received(frame("/topic/junk", "nobody"), junk);
        assertThat(refused).as("A's inbound queue refused a frame").isTrue();
        try {
            double before = a.skipped();
            a.publish("/topic/rooms/doubted/chat", "d1");
            assertThat(a.skipped()).as("in doubt: sent, not skipped").isEqualTo(before);
            await().atMost(Duration.ofSeconds(5)).until(() -> b.texts("/topic/rooms/doubted/chat").contains("d1"));
            Thread.sleep(1500); // ticks passed: still in doubt while the snapshots wait behind A's stuck consumer
            a.publish("/topic/rooms/doubted/chat", "d2");
            assertThat(a.skipped()).isEqualTo(before);
        } finally {
            release.countDown();
        }
        settle(a, b);
    }

    /**
     * Mixed versions: a node of an older version speaks no interest frames and sends no snapshot; its clients must
     * still get every room's lines, so every node sends everything while it is heard.
     */
    @Test
    void aPeerThatNeverSendsInterestFramesGetsEverything() throws Exception {
        var a = new Node();
        var b = new Node();
        settle(a, b);
        var w = new Bundle.Writer(64);
        w.add("/topic/lobby/chat", new byte[0], "{}".getBytes(StandardCharsets.UTF_8));
        a.bridge.inbound(frame(topic, "old-node-" + UUID.randomUUID()), w.finish());
        double before = a.skipped();
        for (int i = 0; i < 5; i++) {
            a.publish("/topic/rooms/anything/chat", "o" + i);
            Thread.sleep(1000); // past LIVE: an old node says no hello and is still in doubt
        }
        assertThat(a.skipped()).isEqualTo(before);
        await().atMost(Duration.ofSeconds(5)).until(() -> b.texts("/topic/rooms/anything/chat").size() == 5);
        assertThat(a.bridge.interestState()[1]).as("the old node in doubt").isEqualTo(1);
    }

    private static StompHeaders frame(String destination, String origin) {
        var h = new StompHeaders();
        h.setDestination(destination);
        h.set(NodeBridge.ORIGIN, origin);
        return h;
    }
}
