package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.support.IntegrationTestBase;
import dev.skirmish.lobby.support.RawStompSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code skirmish.lobby.ws-coalesce-limit}: the frames waiting for a connection go out as one WebSocket message, up
 * to the limit. A client that fell behind (it reads nothing while a burst is published) gets the burst in fewer
 * messages than frames, every frame whole and in order, no message over the limit; Spring's own STOMP client, which
 * parses a message as a stream of frames, hears the same burst in order.
 */
@TestPropertySource(properties = "skirmish.lobby.ws-coalesce-limit=4KB")
class CoalescedFramesTest extends IntegrationTestBase {
    private static final int BURST = 400;
    private static final String TOPIC = "/topic/lobby/chat";

    @Autowired
    SimpMessagingTemplate messaging;

    @Test
    void aBurstArrivesInFewerMessagesWholeAndInOrder() throws Exception {
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
            int messages = 0;
            while (rawOrder.size() < BURST) {
                var ws = raw.readWebSocketFrame();
                assertThat(ws.opcode()).as("a text message").isEqualTo(0x1);
                assertThat(ws.fin()).isTrue();
                assertThat(ws.payload().length).isLessThanOrEqualTo(4 * 1024);
                messages++;
                String text = new String(ws.payload(), StandardCharsets.UTF_8);
                assertThat(text).endsWith("\0");
                for (String frame : text.split("\0")) {
                    if (!frame.startsWith("MESSAGE")) continue; // a heart-beat
                    assertThat(frame).containsOnlyOnce("MESSAGE\n").containsOnlyOnce("subscription:s1\n");
                    rawOrder.add(Integer.parseInt(frame.replaceAll("(?s).*\"burst\":(\\d+).*", "$1")));
                }
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
            assertThat(messages).as("WebSocket messages for %d frames that waited together", BURST).isLessThan(BURST / 4);
            assertThat(client.transportErrors).isEmpty();
        }
    }
}
