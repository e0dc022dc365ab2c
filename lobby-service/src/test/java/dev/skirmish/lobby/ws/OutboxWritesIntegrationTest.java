package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.players.PresenceRegistry;
import dev.skirmish.lobby.support.IntegrationTestBase;
import dev.skirmish.lobby.support.RawStompSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A connection's writes ({@link SessionOutbox}) on the real lobby: the fan-out runs on the publishing thread here
 * (the broker channel has no executor), as it runs on the chat delivery threads in production. The limits are set
 * out of reach (64 MB, 10 min), so that only the write path decides what happens to a client that stops reading.
 */
@TestPropertySource(properties = {"skirmish.lobby.ws-send-time-limit=10m", "skirmish.lobby.ws-send-buffer-limit=64MB"})
class OutboxWritesIntegrationTest extends IntegrationTestBase {
    private static final String TOPIC = "/topic/lobby/chat";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    SimpMessagingTemplate messaging;
    @Autowired
    PresenceRegistry presence;

    /**
     * Attack: a client subscribes and stops reading. About 16 MB are published to it, four times what loopback's
     * socket buffers hold: a write that blocked on the publishing thread would hold the publisher (and everyone
     * behind it) until the container's blocking write gave up (Tomcat's 20 s send timeout), then fail and close the connection, so the stalled client could
     * not read them all afterwards (checked: this test fails when the outbox writes on the offering thread). The
     * publisher must be done while nobody has read, the client that keeps up must hear everything meanwhile, and
     * the stalled one, once it reads (within that timeout: the connection's own writer waits on its socket), everything
     * in order.
     */
    @Test
    void aStalledReaderNeverHoldsThePublishingThreadAndGetsEverythingOnceItReads() throws Exception {
        int count = 4000;
        String pad = "x".repeat(4_000); // under the test client's 8 KB message buffer
        JsonNode slow = http.guest(name("stalled"));
        JsonNode quick = http.guest(name("quick"));
        try (var stalled = new RawStompSocket(port, slow.get("token").asString());
             var client = connect(quick.get("id").asString(), quick.get("token").asString())) {
            stalled.send("SUBSCRIBE\nid:s1\ndestination:" + TOPIC + "\nreceipt:r1\n\n\0");
            assertThat(stalled.readFrame()).startsWith("RECEIPT\nreceipt-id:r1");
            var heard = client.subscribeWithReceipt(TOPIC);
            heard.receipt().get(10, TimeUnit.SECONDS);

            var published = new CountDownLatch(1);
            var publisher = Thread.ofPlatform().name("publisher").start(() -> {
                for (int i = 0; i < count; i++) messaging.convertAndSend(TOPIC, (Object) Map.of("n", i, "pad", pad));
                published.countDown();
            });
            // generous: the publishing takes about a second; a blocked write would hold it 20 s per stuck frame
            assertThat(published.await(60, TimeUnit.SECONDS)).as("the publishing thread is done while the stalled client has read nothing").isTrue();
            publisher.join();
            assertThat(receive(heard.messages(), count)).as("the client that keeps up heard everything").isEqualTo(range(count));
            assertThat(presence.isConnected(slow.get("id").asString())).as("the stalled client is still connected").isTrue();

            var order = new ArrayList<Integer>();
            while (order.size() < count) {
                String frame = stalled.readFrame();
                if (frame.startsWith("MESSAGE")) order.add(JSON.readTree(frame.substring(frame.indexOf("\n\n") + 2, frame.length() - 1)).get("n").asInt());
            }
            assertThat(order).as("the stalled client, once it reads").isEqualTo(range(count));
            assertThat(client.transportErrors).isEmpty();
        }
    }

    /**
     * Four threads publish at once to two subscribers, one of which reads only after a second (so its frames pile up
     * behind a full socket and are written by the completions, several per write): each receives every message,
     * whole, and each publisher's messages in the order that publisher sent them.
     */
    @Test
    void concurrentPublishersKeepTheirOrderAtAReaderThatFellBehindAndAtOneThatKeptUp() throws Exception {
        int publishers = 4, each = 500;
        String pad = "y".repeat(2_000);
        JsonNode slow = http.guest(name("late"));
        JsonNode quick = http.guest(name("prompt"));
        try (var late = new RawStompSocket(port, slow.get("token").asString());
             var client = connect(quick.get("id").asString(), quick.get("token").asString())) {
            late.send("SUBSCRIBE\nid:s1\ndestination:" + TOPIC + "\nreceipt:r1\n\n\0");
            assertThat(late.readFrame()).startsWith("RECEIPT\nreceipt-id:r1");
            var heard = client.subscribeWithReceipt(TOPIC);
            heard.receipt().get(10, TimeUnit.SECONDS);

            var threads = new ArrayList<Thread>();
            for (int p = 0; p < publishers; p++) {
                int publisher = p;
                threads.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < each; i++) messaging.convertAndSend(TOPIC, (Object) Map.of("p", publisher, "n", i, "pad", pad));
                }));
            }
            Thread.sleep(1000);
            var lateSeen = new ArrayList<List<Integer>>();
            for (int p = 0; p < publishers; p++) lateSeen.add(new ArrayList<>());
            for (int got = 0; got < publishers * each; ) {
                String frame = late.readFrame();
                if (!frame.startsWith("MESSAGE")) continue;
                assertThat(frame).endsWith("\0").containsOnlyOnce("MESSAGE\n").containsOnlyOnce("subscription:s1\n");
                JsonNode m = JSON.readTree(frame.substring(frame.indexOf("\n\n") + 2, frame.length() - 1));
                lateSeen.get(m.get("p").asInt()).add(m.get("n").asInt());
                got++;
            }
            for (var t : threads) t.join();
            var promptSeen = new ArrayList<List<Integer>>();
            for (int p = 0; p < publishers; p++) promptSeen.add(new ArrayList<>());
            for (int got = 0; got < publishers * each; got++) {
                JsonNode m = heard.messages().poll(10, TimeUnit.SECONDS);
                assertThat(m).as("message %d", got).isNotNull();
                promptSeen.get(m.get("p").asInt()).add(m.get("n").asInt());
            }
            for (int p = 0; p < publishers; p++) {
                assertThat(lateSeen.get(p)).as("publisher %d at the late reader", p).isEqualTo(range(each));
                assertThat(promptSeen.get(p)).as("publisher %d at the prompt reader", p).isEqualTo(range(each));
            }
            assertThat(client.transportErrors).isEmpty();
        }
    }

    private static List<Integer> receive(BlockingQueue<JsonNode> queue, int count) throws InterruptedException {
        var seen = new ArrayList<Integer>();
        while (seen.size() < count) {
            JsonNode m = queue.poll(10, TimeUnit.SECONDS);
            if (m == null) break;
            seen.add(m.get("n").asInt());
        }
        return seen;
    }

    private static List<Integer> range(int count) {
        return java.util.stream.IntStream.range(0, count).boxed().toList();
    }
}
