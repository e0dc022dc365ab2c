package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.support.IntegrationTestBase;
import dev.skirmish.lobby.support.RawStompSocket;
import dev.skirmish.lobby.support.RawUpgrade;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code /ws} transport on Jetty's core WebSocket API ({@link CoreUpgrade}, {@link CoreSocket}) over a real socket:
 * the WebSocket protocol's own duties, which Jetty's JSR-356 layer did before, and its refusals of hostile frames.
 */
class CoreTransportTest extends IntegrationTestBase {
    @Autowired
    Outboxes outboxes;

    @Test
    void theHandshakeEchoesTheStompSubProtocol() {
        assertThat(RawUpgrade.handshake(port, "/ws", null).toLowerCase()).startsWith("http/1.1 101").contains("sec-websocket-protocol: v12.stomp");
    }

    @Test
    void aPingIsAnsweredWithAPongOfItsPayloadAndTheConnectionGoesOn() throws Exception {
        try (var raw = new RawStompSocket(port, http.guest(name("ping")).get("token").asString())) {
            raw.sendWebSocketFrame(0x89, "are you there".getBytes(StandardCharsets.US_ASCII));
            var pong = raw.readWebSocketFrame();
            assertThat(pong.opcode()).isEqualTo(0xA);
            assertThat(new String(pong.payload(), StandardCharsets.US_ASCII)).isEqualTo("are you there");
            raw.send(subscribe("r1", ""));
            assertThat(raw.readFrame()).startsWith("RECEIPT\nreceipt-id:r1");
        }
    }

    @Test
    void aClientsCloseIsAnsweredAndEndsTheStompSession() throws Exception {
        var player = http.guest(name("bye"));
        try (var raw = new RawStompSocket(port, player.get("token").asString())) {
            String session = awaitUser(player.get("id").asString()).getSessions().iterator().next().getId();
            assertThat(outboxes.of(session)).isNotNull();
            raw.sendWebSocketFrame(0x88, new byte[] {0x03, (byte) 0xE8}); // 1000
            assertThat(raw.readUntilClosed(new ArrayList<>())).isEqualTo(1000);
            for (long deadline = System.nanoTime() + 5_000_000_000L; outboxes.of(session) != null && System.nanoTime() < deadline; ) Thread.sleep(20);
            assertThat(outboxes.of(session)).isNull();
        }
    }

    /** Non-ASCII text, whole and with a character split between two fragments, is taken as it is. */
    @Test
    void validUtf8IsHandledWholeAndAcrossFragments() throws Exception {
        try (var raw = new RawStompSocket(port, http.guest(name("utf")).get("token").asString())) {
            raw.send(subscribe("r1", "x-note:Grüße 🎲\n"));
            assertThat(raw.readFrame()).startsWith("RECEIPT\nreceipt-id:r1");
            byte[] frame = subscribe("r2", "x-note:é\n").getBytes(StandardCharsets.UTF_8);
            int split = indexOf(frame, (byte) 0xC3) + 1; // between the two bytes of é
            raw.sendWebSocketFrame(0x01, java.util.Arrays.copyOfRange(frame, 0, split));
            raw.sendWebSocketFrame(0x80, java.util.Arrays.copyOfRange(frame, split, frame.length));
            assertThat(raw.readFrame()).startsWith("RECEIPT\nreceipt-id:r2");
        }
    }

    /** Attack: text that is not UTF-8 (RFC 6455 section 8.1 says fail the connection, 1007), whole or in fragments. */
    @Test
    void invalidUtf8ClosesWith1007() throws Exception {
        String token = http.guest(name("bad")).get("token").asString();
        byte[][] bad = {{(byte) 0xC3, 0x28}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}};
        for (byte[] sequence : bad) {
            for (boolean fragmented : new boolean[] {false, true}) {
                try (var raw = new RawStompSocket(port, token)) {
                    var frame = new ByteArrayOutputStream();
                    frame.writeBytes("SUBSCRIBE\nid:s\ndestination:/topic/lobby/chat\nreceipt:r\nx-note:".getBytes(StandardCharsets.US_ASCII));
                    frame.writeBytes(sequence);
                    frame.writeBytes("\n\n\0".getBytes(StandardCharsets.US_ASCII));
                    byte[] bytes = frame.toByteArray();
                    if (fragmented) {
                        raw.sendWebSocketFrame(0x01, java.util.Arrays.copyOfRange(bytes, 0, 20));
                        raw.sendWebSocketFrame(0x80, java.util.Arrays.copyOfRange(bytes, 20, bytes.length));
                    } else {
                        raw.sendWebSocketFrame(0x81, bytes);
                    }
                    var frames = new ArrayList<String>();
                    assertThat(raw.readUntilClosed(frames)).as("%s fragmented %s", java.util.HexFormat.of().formatHex(sequence), fragmented).isEqualTo(1007);
                    assertThat(frames).noneMatch(f -> f.startsWith("RECEIPT"));
                }
            }
        }
    }

    /** Attack: fragments out of order (a continuation with nothing to continue, a new message inside one): 1002. */
    @Test
    void fragmentsInTheWrongOrderCloseWith1002() throws Exception {
        String token = http.guest(name("order")).get("token").asString();
        try (var raw = new RawStompSocket(port, token)) {
            raw.sendWebSocketFrame(0x80, "SUBSCRIBE".getBytes(StandardCharsets.US_ASCII));
            assertThat(raw.readUntilClosed(new ArrayList<>())).isEqualTo(1002);
        }
        try (var raw = new RawStompSocket(port, token)) {
            raw.sendWebSocketFrame(0x01, "SUBSCRIBE\n".getBytes(StandardCharsets.US_ASCII));
            raw.sendWebSocketFrame(0x81, subscribe("r1", "").getBytes(StandardCharsets.US_ASCII));
            var frames = new ArrayList<String>();
            assertThat(raw.readUntilClosed(frames)).isEqualTo(1002);
            assertThat(frames).noneMatch(f -> f.startsWith("RECEIPT"));
        }
    }

    /** Binary messages within their limit still reach the STOMP handler, as they did on the JSR-356 layer. */
    @Test
    void aSmallBinaryStompFrameIsHandled() throws Exception {
        try (var raw = new RawStompSocket(port, http.guest(name("binary")).get("token").asString())) {
            raw.sendWebSocketFrame(0x82, subscribe("r1", "").getBytes(StandardCharsets.US_ASCII));
            assertThat(raw.readFrame()).startsWith("RECEIPT\nreceipt-id:r1");
        }
    }

    private static String subscribe(String receipt, String extraHeader) {
        return "SUBSCRIBE\nid:s-" + receipt + "\ndestination:/topic/lobby/chat\nreceipt:" + receipt + "\n" + extraHeader + "\n\0";
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) if (bytes[i] == b) return i;
        return -1;
    }
}
