package dev.skirmish.lobby.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.ExtensionConfig;
import org.eclipse.jetty.websocket.core.Frame;
import org.junit.jupiter.api.Test;

/**
 * A fan-out frame is put together in a buffer of Jetty's pool (issue 19, alloc19). The attack-shaped failure this
 * guards against is one player's frame bytes showing up in another player's connection: a buffer Jetty still holds
 * must never go back to the pool, where the next frame (any connection's) would be written into it. The write does
 * not wait (issue 15), so the buffer goes back when Jetty completes the write, written or failed, and not before.
 */
class PooledFrameBufferTest {
    private static final StompFrames.Delivery FRAME =
            StompFrames.of("/topic/rooms/r-1/chat", "application/json", "{\"text\":\"secret\"}".getBytes(StandardCharsets.UTF_8)).to("s-1", 1);

    /** Jetty's session as the writer sees it: holds every write until the test completes it. */
    private static final class HoldingSession extends CoreSession.Empty {
        final ByteBufferPool pool = new ArrayByteBufferPool();
        volatile byte[] heldArray;
        volatile Callback held;

        @Override
        public void sendFrame(Frame frame, Callback callback, boolean batch) {
            heldArray = frame.getPayload().array();
            held = callback;
        }

        @Override
        public ByteBufferPool getByteBufferPool() {
            return pool;
        }

        @Override
        public List<ExtensionConfig> getNegotiatedExtensions() {
            return List.of();
        }

        /** The array the pool hands out next for a frame of this size. */
        byte[] nextPooledArray() {
            var next = pool.acquire(FRAME.length(), false);
            byte[] array = next.getByteBuffer().array();
            next.release();
            return array;
        }
    }

    /** What the writer heard of its write. */
    private static final class Heard implements Callback {
        final AtomicReference<String> outcome = new AtomicReference<>();

        @Override
        public void succeeded() {
            outcome.set("written");
        }

        @Override
        public void failed(Throwable x) {
            outcome.set("failed: " + x.getMessage());
        }
    }

    private static CoreWebSocketSession session(HoldingSession core) {
        var session = new CoreWebSocketSession(new String[0], null, null, null, null, null, 24 * 1024, 24 * 1024);
        session.initializeNativeSession(core);
        return session;
    }

    @Test
    void aBufferJettyStillHoldsIsNeverHandedToAnotherFrame() {
        var core = new HoldingSession();
        var heard = new Heard();
        session(core).sendText(FRAME, false, heard);

        assertThat(core.held).as("handed to Jetty without waiting").isNotNull();
        assertThat(heard.outcome.get()).isNull();
        assertThat(core.nextPooledArray()).as("the held buffer went back to the pool").isNotSameAs(core.heldArray);
    }

    @Test
    void aCompletedWriteReturnsItsBuffer() {
        var core = new HoldingSession();
        var heard = new Heard();
        session(core).sendText(FRAME, false, heard);
        core.held.succeeded();
        assertThat(heard.outcome.get()).isEqualTo("written");
        assertThat(core.nextPooledArray()).as("reused once Jetty is done with it").isSameAs(core.heldArray);
    }

    @Test
    void aFailedWriteReturnsItsBufferToo() {
        var core = new HoldingSession();
        var heard = new Heard();
        session(core).sendText(FRAME, true, heard);
        core.held.failed(new IOException("broken pipe"));
        assertThat(heard.outcome.get()).isEqualTo("failed: broken pipe");
        assertThat(core.nextPooledArray()).as("Jetty is done with it: back to the pool").isSameAs(core.heldArray);
    }
}
