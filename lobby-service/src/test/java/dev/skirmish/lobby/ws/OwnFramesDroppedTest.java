package dev.skirmish.lobby.ws;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompEncoder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bridge's decoder under fan-out {@code node}. Fault it stops: a node's own lines, which RabbitMQ sends back for
 * every room the node has members in, going down Spring's whole client road (and the node's CPU) although the node
 * delivered them already. Frames of other nodes, frames without an origin and heartbeats pass, whole or split.
 */
class OwnFramesDroppedTest {
    private final OwnFramesDropped decoder = new OwnFramesDropped("this-node");

    private static byte[] frame(String origin, String text) {
        var stomp = StompHeaderAccessor.create(StompCommand.MESSAGE);
        stomp.setDestination("/topic/rooms.r1.chat");
        stomp.setSubscriptionId("s1");
        stomp.setMessageId("m1");
        if (origin != null) stomp.setNativeHeader(NodeBridge.ORIGIN, origin);
        stomp.setLeaveMutable(true);
        Message<byte[]> m = MessageBuilder.createMessage(text.getBytes(StandardCharsets.UTF_8), stomp.getMessageHeaders());
        return new StompEncoder().encode(m);
    }

    private static ByteBuffer concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) b.put(p);
        return b.flip();
    }

    private static String text(Message<byte[]> m) {
        return new String(m.getPayload(), StandardCharsets.UTF_8);
    }

    @Test
    void ownFramesAreDroppedOthersAndHeartbeatsPass() {
        ByteBuffer in = concat(frame("this-node", "mine"), frame("other-node", "theirs"), frame(null, "no origin"),
                frame("this-node", "mine again"));
        List<Message<byte[]>> out = decoder.decode(in);
        assertThat(out).extracting(OwnFramesDroppedTest::text).containsExactly("theirs", "no origin");
        assertThat(in.hasRemaining()).as("every byte consumed, the dropped frames' too").isFalse();
        assertThat(decoder.decode(concat("\n".getBytes(StandardCharsets.UTF_8)))).singleElement()
                .satisfies(m -> assertThat(StompHeaderAccessor.wrap(m).isHeartbeat()).as("a heartbeat").isTrue());
    }

    @Test
    void aFrameSplitAcrossReadsIsDroppedOrKeptWhenComplete() {
        byte[] own = frame("this-node", "mine");
        byte[] other = frame("other-node", "theirs");
        ByteBuffer first = concat(own, java.util.Arrays.copyOf(other, 10));
        assertThat(decoder.decode(first)).isEmpty();
        assertThat(first.remaining()).as("the partial frame stays for the next read").isEqualTo(10);
        ByteBuffer second = concat(java.util.Arrays.copyOfRange(other, 0, other.length));
        assertThat(decoder.decode(second)).singleElement().satisfies(m -> assertThat(text(m)).isEqualTo("theirs"));
    }
}
