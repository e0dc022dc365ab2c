package dev.skirmish.lobby.ws;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bundle codec of fan-out {@code node}. A bundle comes from RabbitMQ, where anyone holding its credentials can
 * publish: each hostile shape below is refused whole (never partly delivered, never an exception other than
 * {@link Bundle.Malformed}, never an allocation the frame's size does not cover).
 */
class BundleTest {
    private static final byte[] JSON = "application/json".getBytes(StandardCharsets.US_ASCII);

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] two() {
        var w = new Bundle.Writer(64);
        assertThat(w.add("/topic/rooms/r1/chat", JSON, utf8("{\"text\":\"one\"}"))).isTrue();
        assertThat(w.add("/user/p1/queue/match", new byte[0], utf8("{}"))).isTrue();
        return w.finish();
    }

    @Test
    void linesComeOutAsTheyWentInInOrder() throws Exception {
        List<Bundle.Line> lines = Bundle.decode(two());
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).destination()).isEqualTo("/topic/rooms/r1/chat");
        assertThat(lines.get(0).contentType()).isEqualTo("application/json");
        assertThat(new String(lines.get(0).body(), StandardCharsets.UTF_8)).isEqualTo("{\"text\":\"one\"}");
        assertThat(lines.get(1).destination()).isEqualTo("/user/p1/queue/match");
        assertThat(lines.get(1).contentType()).isNull();
    }

    @Test
    void aTruncatedBundleIsRefusedWhole() {
        byte[] whole = two();
        for (int cut = 0; cut < whole.length; cut++) {
            byte[] part = Arrays.copyOf(whole, cut);
            assertThatThrownBy(() -> Bundle.decode(part)).as("cut at %d", cut).isInstanceOf(Bundle.Malformed.class);
        }
    }

    @Test
    void aCountLargerThanTheLinesPresentIsRefused() {
        byte[] b = two();
        b[5] = 3; // says three lines, holds two
        assertThatThrownBy(() -> Bundle.decode(b)).isInstanceOf(Bundle.Malformed.class).hasMessageContaining("truncated");
    }

    @Test
    void bytesAfterTheCountedLinesAreRefused() {
        byte[] b = two();
        b[5] = 1; // says one line, holds two: the second must not slip through as trailing bytes
        assertThatThrownBy(() -> Bundle.decode(b)).isInstanceOf(Bundle.Malformed.class).hasMessageContaining("after the last");
    }

    @Test
    void aLineCountOverTheBoundIsRefusedBeforeAnyAllocation() {
        byte[] b = two();
        b[4] = (byte) 0xff;
        b[5] = (byte) 0xff; // 65,535 lines claimed
        assertThatThrownBy(() -> Bundle.decode(b)).isInstanceOf(Bundle.Malformed.class).hasMessageContaining("lines");
        b[4] = 0;
        b[5] = 0;
        assertThatThrownBy(() -> Bundle.decode(b)).isInstanceOf(Bundle.Malformed.class).hasMessageContaining("0 lines");
    }

    @Test
    void aBodyLengthOverTheBoundIsRefusedBeforeItIsRead() {
        // one line whose body claims 2 GiB (and one just over the line bound): refused by the bound, not by running out
        for (long claimed : new long[] {0x7fff_ffffL, 0xffff_ffffL, Bundle.MAX_BODY + 1L}) {
            byte[] dest = utf8("/topic/lobby/chat");
            ByteBuffer b = ByteBuffer.allocate(6 + 2 + dest.length + 1 + 4);
            b.put(utf8("SKB1")).putShort((short) 1).putShort((short) dest.length).put(dest).put((byte) 0).putInt((int) claimed);
            assertThatThrownBy(() -> Bundle.decode(b.array())).as("claimed %d", claimed)
                    .isInstanceOf(Bundle.Malformed.class).hasMessageContaining("over " + Bundle.MAX_BODY);
        }
    }

    @Test
    void anOversizedBundleIsRefusedUnread() {
        byte[] huge = new byte[Bundle.MAX_BYTES + 1];
        System.arraycopy(two(), 0, huge, 0, two().length);
        assertThatThrownBy(() -> Bundle.decode(huge)).isInstanceOf(Bundle.Malformed.class).hasMessageContaining("over " + Bundle.MAX_BYTES);
    }

    @Test
    void emptyOrOverlongDestinationsAndContentTypesAreRefused() {
        ByteBuffer noDest = ByteBuffer.allocate(6 + 2 + 1 + 4);
        noDest.put(utf8("SKB1")).putShort((short) 1).putShort((short) 0).put((byte) 0).putInt(0);
        assertThatThrownBy(() -> Bundle.decode(noDest.array())).isInstanceOf(Bundle.Malformed.class).hasMessageContaining("destination");

        ByteBuffer longDest = ByteBuffer.allocate(6 + 2 + Bundle.MAX_DESTINATION + 1 + 1 + 4);
        longDest.put(utf8("SKB1")).putShort((short) 1).putShort((short) (Bundle.MAX_DESTINATION + 1));
        assertThatThrownBy(() -> Bundle.decode(longDest.array())).isInstanceOf(Bundle.Malformed.class).hasMessageContaining("destination");

        byte[] dest = utf8("/topic/lobby/chat");
        ByteBuffer longType = ByteBuffer.allocate(6 + 2 + dest.length + 1 + 255 + 4);
        longType.put(utf8("SKB1")).putShort((short) 1).putShort((short) dest.length).put(dest).put((byte) 200);
        assertThatThrownBy(() -> Bundle.decode(longType.array())).isInstanceOf(Bundle.Malformed.class).hasMessageContaining("content type");
    }

    @Test
    void somethingElseThanABundleIsRefused() {
        assertThatThrownBy(() -> Bundle.decode(utf8("{\"text\":\"a single line\"}"))).isInstanceOf(Bundle.Malformed.class);
        assertThatThrownBy(() -> Bundle.decode(new byte[0])).isInstanceOf(Bundle.Malformed.class);
    }

    @Test
    void theWriterTakesNoLineAReceiverWouldRefuse() {
        var w = new Bundle.Writer(16);
        assertThat(w.add("/topic/lobby/chat", JSON, new byte[Bundle.MAX_BODY + 1])).isFalse();
        assertThat(w.add("/topic/" + "x".repeat(Bundle.MAX_DESTINATION), JSON, new byte[1])).isFalse();
        assertThat(w.add("", JSON, new byte[1])).isFalse();
        assertThat(w.lines()).isZero();
        for (int i = 0; i < Bundle.MAX_LINES; i++) assertThat(w.add("/topic/lobby/chat", JSON, new byte[1])).isTrue();
        assertThat(w.add("/topic/lobby/chat", JSON, new byte[1])).as("line %d", Bundle.MAX_LINES + 1).isFalse();
    }

    @Test
    void aFullWriterStaysWithinTheReceiversByteBound() throws Exception {
        var w = new Bundle.Writer(16);
        int n = 0;
        while (w.add("/topic/lobby/chat", JSON, new byte[Bundle.MAX_BODY])) n++;
        byte[] b = w.finish();
        assertThat(b.length).isLessThanOrEqualTo(Bundle.MAX_BYTES);
        assertThat(Bundle.decode(b)).hasSize(n);
    }
}
