package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.support.IntegrationTestBase;
import dev.skirmish.lobby.support.RawStompSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A connection's outbox writes the frames waiting for it together (the container's batching, one socket write for
 * many WebSocket messages): a burst reaches a client that fell behind, and one that keeps up, as separate, whole
 * MESSAGE frames, each in its own WebSocket message, in the order published. The raw client reads nothing while
 * the burst is published, so its frames pile up behind a full socket and go out batched once it reads again.
 */
class BatchedWritesTest extends IntegrationTestBase {
    private static final int BURST = 400;
    private static final String TOPIC = "/topic/lobby/chat";

    @Autowired
    SimpMessagingTemplate messaging;

    @Test
    void aBurstArrivesWholeAndInOrderAtAClientThatFellBehindAndAtOneThatKeptUp() throws Exception {
        JsonNode slow = http.guest(name("slow"));
        JsonNode quick = http.guest(name("quick"));
        try (var raw = new RawStompSocket(port, slow.get("token").asString());
             var client = connect(quick.get("id").asString(), quick.get("token").asString())) {
            raw.send("SUBSCRIBE\nid:s1\ndestination:" + TOPIC + "\nreceipt:r1\n\n\0");
            assertThat(raw.readFrame()).startsWith("RECEIPT\nreceipt-id:r1");
            var heard = client.subscribeWithReceipt(TOPIC);
            heard.receipt().get(10, TimeUnit.SECONDS);

            for (int i = 0; i < BURST; i++) messaging.convertAndSend(TOPIC, (Object) Map.of("burst", i));

            var rawOrder = new ArrayList<Integer>();
            while (rawOrder.size() < BURST) {
                String frame = raw.readFrame();
                if (!frame.startsWith("MESSAGE")) continue; // a heart-beat
                assertThat(frame).endsWith("\0").containsOnlyOnce("MESSAGE\n").containsOnlyOnce("subscription:s1\n");
                rawOrder.add(Integer.parseInt(frame.replaceAll("(?s).*\"burst\":(\\d+).*", "$1")));
            }
            var clientOrder = new ArrayList<Integer>();
            while (clientOrder.size() < BURST) {
                JsonNode m = heard.messages().poll(10, TimeUnit.SECONDS);
                assertThat(m).as("message %d of the burst", clientOrder.size()).isNotNull();
                clientOrder.add(m.get("burst").asInt());
            }
            List<Integer> published = java.util.stream.IntStream.range(0, BURST).boxed().toList();
            assertThat(rawOrder).isEqualTo(published);
            assertThat(clientOrder).isEqualTo(published);
            assertThat(client.transportErrors).isEmpty();
        }
    }
}
