package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.support.IntegrationTestBase;
import dev.skirmish.lobby.support.RawStompSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.messaging.StompSubProtocolHandler;
import org.springframework.web.socket.messaging.SubProtocolWebSocketHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring's per-connection queues on the {@code /ws} path (issue 15, {@link StompWebSocketHandler}): a connection
 * with an outbox is written by it alone, and one without (fan-out {@code relay}) keeps Spring's send decorator; Spring's
 * STOMP handler holds a decoder for a connection only while a frame split over several messages arrives, and STOMP
 * frames split or packed together are handled as before, with the same limit and {@code ERROR}.
 */
class StompQueuesTest extends IntegrationTestBase {
    @Autowired
    @Qualifier("subProtocolWebSocketHandler")
    WebSocketHandler handler;

    @Test
    void aConnectionWithAnOutboxGetsNoSecondSendQueue() {
        assertThat(handler).isInstanceOf(StompWebSocketHandler.class);
        var stomp = (StompWebSocketHandler) handler;
        var outbox = new SessionOutbox(new RecordingSession(), 10_000, 1 << 20, o -> { });
        assertThat(stomp.decorateSession(outbox)).isSameAs(outbox);
        // no outbox (fan-out relay): Spring's decorator is the writer that applies the send-time and buffer limits
        var relayed = stomp.decorateSession(new RecordingSession());
        assertThat(relayed).isInstanceOf(ConcurrentWebSocketSessionDecorator.class);
        assertThat(((ConcurrentWebSocketSessionDecorator) relayed).getSendTimeLimit()).isEqualTo(stomp.getSendTimeLimit());
        assertThat(((ConcurrentWebSocketSessionDecorator) relayed).getBufferSizeLimit()).isEqualTo(stomp.getSendBufferSizeLimit());
    }

    @Test
    void aWholeFrameLeavesNoDecoderAndASplitOneKeepsItUntilComplete() throws Exception {
        var player = http.guest(name("split"));
        try (var raw = new RawStompSocket(port, player.get("token").asString())) {
            String id = sessionOf(player.get("id").asString());
            raw.send(subscribe("r1", 200));
            assertThat(raw.readFrame()).startsWith("RECEIPT\nreceipt-id:r1");
            assertNoDecoder(id);
            String frame = subscribe("r2", 3000);
            raw.send(frame.substring(0, 1200)); // one whole WebSocket message holding the first part of a STOMP frame
            for (long deadline = System.nanoTime() + 5_000_000_000L; !decoders().containsKey(id) && System.nanoTime() < deadline; ) Thread.sleep(20);
            assertThat(decoders()).containsKey(id);
            Thread.sleep(200);
            assertThat(decoders()).as("kept while the frame is incomplete").containsKey(id);
            raw.send(frame.substring(1200));
            assertThat(raw.readFrame()).startsWith("RECEIPT\nreceipt-id:r2");
            assertNoDecoder(id);
        }
    }

    @Test
    void twoFramesInOneMessageAreBothHandled() throws Exception {
        var player = http.guest(name("two"));
        try (var raw = new RawStompSocket(port, player.get("token").asString())) {
            String id = sessionOf(player.get("id").asString());
            raw.send(subscribe("r1", 300) + subscribe("r2", 300));
            assertThat(raw.readFrame()).startsWith("RECEIPT\nreceipt-id:r1");
            assertThat(raw.readFrame()).startsWith("RECEIPT\nreceipt-id:r2");
            assertNoDecoder(id);
            // one message with a whole frame and the start of the next: the rest completes it
            String third = subscribe("r4", 500);
            raw.send(subscribe("r3", 300) + third.substring(0, 100));
            assertThat(raw.readFrame()).startsWith("RECEIPT\nreceipt-id:r3");
            raw.send(third.substring(100));
            assertThat(raw.readFrame()).startsWith("RECEIPT\nreceipt-id:r4");
            assertNoDecoder(id);
        }
    }

    /** Attack: a frame over the STOMP limit sent in parts, each under it: the parts add up, refused as a whole one is. */
    @Test
    void aSplitFrameOverTheStompLimitGetsAnErrorFrameAndTheConnectionIsClosed() throws Exception {
        var player = http.guest(name("bigsplit"));
        try (var raw = new RawStompSocket(port, player.get("token").asString())) {
            String frame = subscribe("r1", 20 * 1024);
            raw.send(frame.substring(0, 10 * 1024));
            raw.send(frame.substring(10 * 1024));
            List<String> frames = new ArrayList<>();
            int code = raw.readUntilClosed(frames);
            assertThat(frames).anyMatch(f -> f.startsWith("ERROR"));
            assertThat(frames).noneMatch(f -> f.startsWith("RECEIPT"));
            assertThat(code).isNotEqualTo(1009);
        }
    }

    /** The receipt goes out before the handler returns and drops the decoder: wait for that. */
    private void assertNoDecoder(String id) throws Exception {
        for (long deadline = System.nanoTime() + 5_000_000_000L; decoders().containsKey(id) && System.nanoTime() < deadline; ) Thread.sleep(20);
        assertThat(decoders()).doesNotContainKey(id);
    }

    private String sessionOf(String playerId) {
        return awaitUser(playerId).getSessions().iterator().next().getId();
    }

    /** Spring's STOMP handler's decoders by session id (private: read here as the handler reads it). */
    @SuppressWarnings("unchecked")
    private Map<String, ?> decoders() throws Exception {
        var stomp = ((SubProtocolWebSocketHandler) handler).getProtocolHandlers().stream()
                .filter(StompSubProtocolHandler.class::isInstance).findFirst().orElseThrow();
        var field = StompSubProtocolHandler.class.getDeclaredField("decoders");
        field.setAccessible(true);
        return (Map<String, ?>) field.get(stomp);
    }

    /** A SUBSCRIBE to the lobby chat with a receipt, padded with a custom header to about {@code size} bytes. */
    private static String subscribe(String receipt, int size) {
        String head = "SUBSCRIBE\nid:s-" + receipt + "\ndestination:/topic/lobby/chat\nreceipt:" + receipt + "\nx-pad:";
        return head + "p".repeat(size - head.length() - 3) + "\n\n\0";
    }
}
