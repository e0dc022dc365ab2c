package dev.skirmish.lobby.ws;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.ExtensionConfig;
import org.eclipse.jetty.websocket.core.Frame;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the connection's writer allocates per fan-out frame on our side of Jetty (issue 19: bytes per chat line),
 * over a core session that takes each frame at once: the frame's bytes go into a buffer of Jetty's pool and back
 * instead of an array of its own per subscriber (the frame here is 230-odd bytes; what stays is Jetty's frame object
 * and the small callback that returns the buffer). Counted with
 * the thread's allocation counter, which is exact and does not depend on time; what Jetty's real session allocates
 * inside {@code sendFrame} is Jetty's and not counted here. Also checks the bytes Jetty was handed.
 */
class FanoutWriteAllocationTest {
    private static final int WRITES = 20_000;

    @Test
    void aFanOutFrameCostsNoArrayOfItsOwn() throws Exception {
        var core = new TakingSession();
        var session = new CoreWebSocketSession(new String[0], null, null, null, null, null, 24 * 1024, 24 * 1024);
        session.initializeNativeSession(core);
        byte[] body = "{\"id\":1,\"channel\":\"r-1\",\"playerId\":\"p-1\",\"name\":\"Ann\",\"text\":\"hello there\",\"sentAt\":\"2026-12-06T19:00:00Z\"}"
                .getBytes(StandardCharsets.UTF_8);
        var shared = StompFrames.of("/topic/rooms/r-1/chat", "application/json", body);

        var first = shared.to("sub-0", 7);
        session.sendText(first, false, Callback.NOOP);
        assertThat(core.lastPayload).isEqualTo(first.bytes());

        for (int i = 0; i < WRITES; i++) session.sendText(shared.to("sub-0", i), (i & 1) == 0, Callback.NOOP); // the JIT's warm-up
        var deliveries = new ArrayList<StompFrames.Delivery>(WRITES);
        for (int i = 0; i < WRITES; i++) deliveries.add(shared.to("sub-0", 1_000_000 + i)); // the fan-out's, not the writer's
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        write(session, deliveries);
        long perWrite = (threads.getCurrentThreadAllocatedBytes() - before) / WRITES;

        assertThat(core.frames).isEqualTo(2L * WRITES + 1);
        // Jetty's Frame and the buffer's release callback; with an array per frame, 350-odd
        assertThat(perWrite).as("bytes allocated per fan-out write").isLessThan(160);
    }

    private static void write(CoreWebSocketSession session, List<StompFrames.Delivery> deliveries) {
        for (int i = 0; i < deliveries.size(); i++) session.sendText(deliveries.get(i), (i & 1) == 0, Callback.NOOP);
    }

    /** Takes each frame at once (as Jetty does when the socket has room or the batch buffer takes it). */
    private static final class TakingSession extends CoreSession.Empty {
        private final ByteBufferPool pool = new ArrayByteBufferPool();
        long frames;
        byte[] lastPayload;

        @Override
        public void sendFrame(Frame frame, Callback callback, boolean batch) {
            frames++;
            if (frames == 1) {
                ByteBuffer payload = frame.getPayload().slice();
                lastPayload = new byte[payload.remaining()];
                payload.get(lastPayload);
            }
            callback.succeeded();
        }

        @Override
        public List<ExtensionConfig> getNegotiatedExtensions() {
            return List.of();
        }

        @Override
        public ByteBufferPool getByteBufferPool() {
            return pool;
        }
    }
}
