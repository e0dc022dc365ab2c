package dev.skirmish.lobby.ws;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fan-out's frame bytes, spliced per subscriber without a string, are exactly the UTF-8 of the frame the
 * contract describes, whatever the subscription id (escaped, non-ASCII) and message id; and put into a reused buffer
 * (Jetty's pool hands back buffers holding an earlier frame's bytes) they are the same bytes, and only those.
 */
class StompFramesTest {
    private static final byte[] BODY = "{\"text\":\"héllo ✓\"}".getBytes(StandardCharsets.UTF_8);
    private static final String[] IDS = {"sub-0", "evil\nforged:yes\\", "ünïcode-ид", ""};
    private static final long[] MESSAGE_IDS = {0, 9, 10, 12345, Long.MAX_VALUE};

    private static String expected(String id, long messageId) {
        return "MESSAGE\ndestination:/topic/rooms/r-1/chat\ncontent-type:application/json\ncontent-length:" + BODY.length
                + "\nsubscription:" + StompFrames.escape(id) + "\nmessage-id:" + messageId + "\n\n" + new String(BODY, StandardCharsets.UTF_8) + "\0";
    }

    @Test
    void eachSubscribersFrameIsTheUtf8OfTheWholeFrame() {
        var shared = StompFrames.of("/topic/rooms/r-1/chat", "application/json", BODY);
        for (String id : IDS) {
            for (long messageId : MESSAGE_IDS) {
                assertThat(new String(shared.to(id, messageId).bytes(), StandardCharsets.UTF_8)).isEqualTo(expected(id, messageId));
                assertThat(shared.to(id, messageId).bytes()).isEqualTo(expected(id, messageId).getBytes(StandardCharsets.UTF_8));
                assertThat(shared.to(id, messageId).length()).isEqualTo(expected(id, messageId).getBytes(StandardCharsets.UTF_8).length);
            }
        }
    }

    @Test
    void aFrameWrittenIntoAReusedBufferIsTheSameBytesAndNothingElse() {
        var shared = StompFrames.of("/topic/rooms/r-1/chat", "application/json", BODY);
        var buffer = ByteBuffer.allocate(4096);
        for (String id : IDS) {
            for (long messageId : MESSAGE_IDS) {
                // what the writer does with a pooled buffer: whatever it held, cleared, filled, flipped
                Arrays.fill(buffer.array(), (byte) '#');
                buffer.position(17).limit(123);
                var delivery = shared.to(id, messageId);
                buffer.clear();
                delivery.writeTo(buffer);
                buffer.flip();
                byte[] written = new byte[buffer.remaining()];
                buffer.get(written);
                assertThat(written).isEqualTo(expected(id, messageId).getBytes(StandardCharsets.UTF_8));
                assertThat(buffer.array()[written.length]).isEqualTo((byte) '#');
            }
        }
    }

    @Test
    void theHeadersAreEscapedAndEncodedWhateverTheDestinationAndContentType() {
        // the head is written byte by byte since alloc23: escaped, non-ASCII and absent headers, and a body of any length
        String[][] heads = {{"/topic/rooms/r-1/chat", "application/json"}, {"/topic/räume/ид:1\\x", "text/plain;charset=UTF-8"},
                {"/topic/lobby/chat", null}, {"/topic/a\nb", "a:b\r"}};
        for (String[] h : heads) {
            for (byte[] body : new byte[][] {BODY, new byte[0], new byte[12_345]}) {
                var shared = StompFrames.of(h[0], h[1], body);
                String expected = "MESSAGE\ndestination:" + StompFrames.escape(h[0])
                        + (h[1] == null ? "" : "\ncontent-type:" + StompFrames.escape(h[1]))
                        + "\ncontent-length:" + body.length + "\nsubscription:" + StompFrames.escape("ü:1") + "\nmessage-id:" + 77
                        + "\n\n" + new String(body, StandardCharsets.UTF_8) + "\0";
                assertThat(shared.to("ü:1", 77).bytes()).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
                assertThat(shared.to("ü:1", 77).length()).isEqualTo(expected.getBytes(StandardCharsets.UTF_8).length);
            }
        }
    }

    @Test
    void theSharedPartsDoNotCopyTheBody() {
        // counted with the thread's allocation counter: a copy of a 64 KiB body would be 64 KiB per message
        byte[] body = new byte[64 * 1024];
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 1_000; i++) StompFrames.of("/topic/rooms/r-1/chat", "application/json", body); // the JIT's warm-up
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100; i++) StompFrames.of("/topic/rooms/r-1/chat", "application/json", body);
        long perMessage = (threads.getCurrentThreadAllocatedBytes() - before) / 100;
        assertThat(perMessage).isLessThan(1024);
    }
}
