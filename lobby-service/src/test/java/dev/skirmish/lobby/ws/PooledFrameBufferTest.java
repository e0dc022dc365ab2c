package dev.skirmish.lobby.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
 * must never go back to the pool, where the next frame (any connection's) would be written into it. A write that
 * completes returns its buffer; a wait cut short (the writer interrupted while Jetty holds the frame) abandons the
 * buffer to the garbage collector and aborts the connection.
 */
class PooledFrameBufferTest {
    private static final StompFrames.Delivery FRAME =
            StompFrames.of("/topic/rooms/r-1/chat", "application/json", "{\"text\":\"secret\"}".getBytes(StandardCharsets.UTF_8)).to("s-1", 1);

    /** Jetty's session as the writer sees it: holds every write until the test completes it. */
    private static final class HoldingSession extends CoreSession.Empty {
        final ByteBufferPool pool = new ArrayByteBufferPool();
        final CountDownLatch taken = new CountDownLatch(1);
        volatile byte[] heldArray;
        volatile Callback held;
        volatile boolean aborted;

        @Override
        public void sendFrame(Frame frame, Callback callback, boolean batch) {
            heldArray = frame.getPayload().array();
            held = callback;
            taken.countDown();
        }

        @Override
        public void abort() {
            aborted = true;
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

    private static CoreWebSocketSession session(HoldingSession core) {
        var session = new CoreWebSocketSession(new String[0], null, null, null, null, null, 24 * 1024, 24 * 1024);
        session.initializeNativeSession(core);
        return session;
    }

    @Test
    void aBufferJettyStillHoldsIsNeverHandedToAnotherFrame() throws Exception {
        var core = new HoldingSession();
        var session = session(core);
        var failure = new AtomicReference<Throwable>();
        Thread writer = Thread.ofPlatform().start(() -> {
            try {
                session.sendText(FRAME, false);
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        assertThat(core.taken.await(10, TimeUnit.SECONDS)).isTrue();
        writer.interrupt();
        writer.join(10_000);

        assertThat(failure.get()).isInstanceOf(InterruptedIOException.class);
        assertThat(core.aborted).as("the connection is aborted").isTrue();
        assertThat(core.nextPooledArray()).as("the held buffer went back to the pool").isNotSameAs(core.heldArray);
    }

    @Test
    void aCompletedWriteReturnsItsBuffer() throws Exception {
        var core = new HoldingSession();
        var session = session(core);
        Thread writer = Thread.ofPlatform().start(() -> {
            try {
                session.sendText(FRAME, false);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(core.taken.await(10, TimeUnit.SECONDS)).isTrue();
        core.held.succeeded();
        writer.join(10_000);
        assertThat(core.aborted).isFalse();
        assertThat(core.nextPooledArray()).as("reused once Jetty is done with it").isSameAs(core.heldArray);
    }
}
