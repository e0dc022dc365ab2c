package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.support.IntegrationTestBase;
import dev.skirmish.lobby.support.RawStompSocket;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.websocket.core.WebSocketConnection;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code /ws} size limits of docs/lobby-api.md over a real socket, now that the container hands messages over in
 * pieces ({@link CoreSocket}): a STOMP frame at most 16 KiB (a bigger one: {@code ERROR} frame and close), a
 * text message above 24 KiB or a binary one above 8 KiB closed with 1009 without being read whole.
 */
class FrameSizeLimitTest extends IntegrationTestBase {
    @Autowired
    Outboxes outboxes;

    /**
     * Attack: thousands of connections that never send anything each pinned a buffer for the largest message that
     * would be assembled (Tomcat: 48 KiB text + 8 KiB binary, allocated at open; 4,000 idle browsers held 220 MiB).
     * The transport holds a message's bytes only while its pieces arrive: an open STOMP session holds none, and
     * Spring's STOMP handler cannot raise the limit above the transport's.
     */
    @Test
    void anOpenStompSessionHoldsNoMessageBuffer() throws Exception {
        var player = http.guest(name("piece"));
        try (var raw = new RawStompSocket(port, player.get("token").asString())) {
            raw.send("SUBSCRIBE\nid:s1\ndestination:/topic/lobby/chat\nreceipt:r1\n\n\0");
            assertThat(raw.readFrame()).startsWith("RECEIPT\nreceipt-id:r1");
            var user = awaitUser(player.get("id").asString());
            for (var session : user.getSessions()) {
                var outbox = outboxes.of(session.getId());
                assertThat(outbox.getTextMessageSizeLimit()).isEqualTo(WebSocketConfig.MAX_TEXT_BYTES);
                assertThat(socketOf(outbox).pendingBytes()).isZero();
            }
            assertThat(user.getSessions()).isNotEmpty();
        }
    }

    /** A piece of a message held between its frames, and none once the message is whole. */
    @Test
    void aFragmentedMessageIsHeldOnlyWhileItArrives() throws Exception {
        var player = http.guest(name("frag"));
        try (var raw = new RawStompSocket(port, player.get("token").asString())) {
            String frame = subscribe("r1", 4 * 1024);
            raw.sendFirstFragment(frame.substring(0, 1000));
            var outbox = outboxes.of(awaitUser(player.get("id").asString()).getSessions().iterator().next().getId());
            var socket = socketOf(outbox);
            for (long deadline = System.nanoTime() + 5_000_000_000L; socket.pendingBytes() == 0 && System.nanoTime() < deadline; ) Thread.sleep(20);
            assertThat(socket.pendingBytes()).isEqualTo(1000);
            raw.sendLastFragment(frame.substring(1000));
            assertThat(raw.readFrame()).startsWith("RECEIPT\nreceipt-id:r1");
            assertThat(socket.pendingBytes()).isZero();
        }
    }

    private static CoreSocket socketOf(SessionOutbox outbox) throws Exception {
        var core = (WebSocketCoreSession) ((CoreWebSocketSession) outbox.getLastSession()).getNativeSession();
        return (CoreSocket) core.getHandler();
    }

    /**
     * The same attack on the socket layer: a read buffer per connection kept while it is idle (Tomcat, the container
     * before Jetty, kept an 8 KiB read and write buffer each for a connection's life, 2 KiB once sized). Jetty takes
     * a read buffer from its shared pool for each read and gives it back once what it read is parsed, so an idle
     * connection holds none; this fails if a Jetty upgrade or setting keeps it.
     */
    @Test
    void anIdleConnectionHoldsNoReadBuffer() throws Exception {
        var player = http.guest(name("idle"));
        try (var raw = new RawStompSocket(port, player.get("token").asString())) {
            raw.send("SUBSCRIBE\nid:s1\ndestination:/topic/lobby/chat\nreceipt:r1\n\n\0");
            assertThat(raw.readFrame()).startsWith("RECEIPT\nreceipt-id:r1");
            var outbox = outboxes.of(awaitUser(player.get("id").asString()).getSessions().iterator().next().getId());
            var connection = ((WebSocketCoreSession) ((CoreWebSocketSession) outbox.getLastSession()).getNativeSession()).getConnection();
            Field buffer = WebSocketConnection.class.getDeclaredField("networkBuffer");
            buffer.setAccessible(true);
            Object held = buffer.get(connection);
            for (long deadline = System.nanoTime() + 5_000_000_000L; held != null && System.nanoTime() < deadline; held = buffer.get(connection)) {
                Thread.sleep(20);
            }
            assertThat(held).as("read buffer of an idle connection").isNull();
        }
    }

    /**
     * Not a size limit, the container's other per-connection bound: a client without heart-beats ({@code 0,0}, the
     * STOMP default) that listens to a quiet room for longer than Jetty's default idle timeout (30 s) keeps its
     * connection, as on Tomcat (docs/lobby-api.md: such connections end with their token).
     */
    @Test
    void aSilentConnectionWithoutHeartBeatsIsNotClosedByAnIdleTimeout() throws Exception {
        String token = http.guest(name("silent")).get("token").asString();
        try (var raw = new RawStompSocket(port, token)) {
            Thread.sleep(35_000);
            raw.send(subscribe("r1", 100));
            assertThat(raw.readFrame()).startsWith("RECEIPT\nreceipt-id:r1");
        }
    }


    @Test
    void aFrameLongerThanOnePieceIsAssembledAndHandled() throws Exception {
        String token = http.guest(name("long")).get("token").asString();
        try (var raw = new RawStompSocket(port, token)) {
            raw.send(subscribe("r1", 12 * 1024)); // one WebSocket frame, many container pieces
            assertThat(raw.readFrame()).startsWith("RECEIPT\nreceipt-id:r1");
            raw.sendFragmented(subscribe("r2", 12 * 1024), 7); // one message in 7 WebSocket fragments
            assertThat(raw.readFrame()).startsWith("RECEIPT\nreceipt-id:r2");
        }
    }

    /** Attack: a frame beyond the STOMP limit would make the lobby buffer and parse it; it is refused, and said why. */
    @Test
    void aFrameOverTheStompLimitGetsAnErrorFrameAndTheConnectionIsClosed() throws Exception {
        String token = http.guest(name("big")).get("token").asString();
        try (var raw = new RawStompSocket(port, token)) {
            raw.send(subscribe("r1", 20 * 1024));
            List<String> frames = new ArrayList<>();
            int code = raw.readUntilClosed(frames);
            assertThat(frames).anyMatch(f -> f.startsWith("ERROR"));
            assertThat(frames).noneMatch(f -> f.startsWith("RECEIPT"));
            assertThat(code).isNotEqualTo(1009);
        }
    }

    /** Attack: a text message far beyond any frame limit; the lobby stops at 24 Ki chars and closes with 1009. */
    @Test
    void aTextMessageOverTheContainerLimitIsClosedWith1009() throws Exception {
        String token = http.guest(name("huge")).get("token").asString();
        for (int pieces : new int[] {1, 9}) {
            try (var raw = new RawStompSocket(port, token)) {
                String frame = subscribe("r1", 30 * 1024);
                if (pieces == 1) raw.send(frame);
                else raw.sendFragmented(frame, pieces);
                List<String> frames = new ArrayList<>();
                assertThat(raw.readUntilClosed(frames)).isEqualTo(1009);
                assertThat(frames).noneMatch(f -> f.startsWith("ERROR") || f.startsWith("RECEIPT"));
            }
        }
    }

    @Test
    void aBinaryMessageOver8KiBIsClosedWith1009() throws Exception {
        String token = http.guest(name("bin")).get("token").asString();
        try (var raw = new RawStompSocket(port, token)) {
            raw.sendBinary(new byte[9 * 1024]);
            assertThat(raw.readUntilClosed(new ArrayList<>())).isEqualTo(1009);
        }
    }

    /** A SUBSCRIBE to the lobby chat with a receipt, padded with a custom header to about {@code size} bytes. */
    private static String subscribe(String receipt, int size) {
        String head = "SUBSCRIBE\nid:s-" + receipt + "\ndestination:/topic/lobby/chat\nreceipt:" + receipt + "\nx-pad:";
        return head + "p".repeat(size - head.length() - 3) + "\n\n\0";
    }
}
