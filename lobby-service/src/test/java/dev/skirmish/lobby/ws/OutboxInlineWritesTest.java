package dev.skirmish.lobby.ws;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.OutgoingEntry;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.TextMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A connection's outbox hands Spring's own frame (CONNECTED, RECEIPT) to Jetty's core session on the thread that
 * offers it when nothing else is being written, without waiting on the socket (issue 19: no writer thread per frame
 * of a STOMP join); what queues behind a write still in flight follows in order, and the send-time limit still
 * counts that write. Jetty's session is a stand-in here that records each frame and its thread, and completes the
 * write at once or when the test says.
 */
class OutboxInlineWritesTest {
    /** A fan-out frame, as the broker queues it for one subscriber, and its text on the wire. */
    private static final StompFrames.Delivery FAN_OUT =
            StompFrames.of("/topic/rooms/r-1/chat", "text/plain", "fan-out".getBytes(StandardCharsets.UTF_8)).to("s-1", 1);
    private static final String FAN_OUT_TEXT = new String(FAN_OUT.bytes(), StandardCharsets.UTF_8);

    /** Jetty's session as the outbox sees it: records frames, completes them at once unless held. */
    static final class Core extends CoreSession.Empty {
        private final ByteBufferPool pool = new ArrayByteBufferPool();
        final List<String> frames = new CopyOnWriteArrayList<>();
        final List<Thread> threads = new CopyOnWriteArrayList<>();
        final List<Callback> held = new CopyOnWriteArrayList<>();
        volatile boolean hold;
        volatile Throwable fail;
        volatile Integer closedWith;
        final CountDownLatch closed = new CountDownLatch(1);

        @Override
        public void sendFrame(OutgoingEntry entry) {
            frames.add(BufferUtil.toString(entry.getFrame().getPayload(), StandardCharsets.UTF_8));
            threads.add(Thread.currentThread());
            if (fail != null) entry.getCallback().failed(fail);
            else if (hold) held.add(entry.getCallback());
            else entry.getCallback().succeeded();
        }

        @Override
        public ByteBufferPool getByteBufferPool() {
            return pool;
        }

        @Override
        public List<org.eclipse.jetty.websocket.core.ExtensionConfig> getNegotiatedExtensions() {
            return List.of();
        }

        @Override
        public boolean isOutputOpen() {
            return closedWith == null;
        }

        @Override
        public void close(int statusCode, String reason, Callback callback) {
            closedWith = statusCode;
            closed.countDown();
            callback.succeeded();
        }
    }

    private final Core core = new Core();
    private final CountDownLatch ended = new CountDownLatch(1);

    private SessionOutbox outbox(int sendTimeLimitMillis) {
        var session = new CoreWebSocketSession(new String[0], null, Map.of(), null, null, null, "v12.stomp", 24 * 1024, 8 * 1024);
        session.initializeNativeSession(core);
        return new SessionOutbox(session, sendTimeLimitMillis, 1 << 20, o -> ended.countDown());
    }

    @Test
    void springsFrameIsWrittenOnTheOfferingThreadWhenNothingElseIsBeingWritten() {
        var outbox = outbox(60_000);
        outbox.sendMessage(new TextMessage("CONNECTED\n\n\0"));
        outbox.sendMessage(new TextMessage("RECEIPT\nreceipt-id:r1\n\n\0"));
        // both were handed over before sendMessage returned, each on this thread: no writer thread was started
        assertThat(core.frames).containsExactly("CONNECTED\n\n\0", "RECEIPT\nreceipt-id:r1\n\n\0");
        assertThat(core.threads).containsOnly(Thread.currentThread());
    }

    @Test
    void framesQueuedBehindAWriteInFlightFollowInOrderOnceItCompletes() throws Exception {
        var outbox = outbox(60_000);
        core.hold = true;
        outbox.sendMessage(new TextMessage("CONNECTED\n\n\0"));
        outbox.send(FAN_OUT);
        outbox.sendMessage(new TextMessage("RECEIPT\nreceipt-id:r1\n\n\0"));
        // the socket has not taken the first frame: nothing else is handed over, and the offering thread did not wait
        assertThat(core.frames).containsExactly("CONNECTED\n\n\0");
        core.hold = false;
        core.held.getFirst().succeeded();
        awaitFrames(3);
        assertThat(core.frames).containsExactly("CONNECTED\n\n\0", FAN_OUT_TEXT, "RECEIPT\nreceipt-id:r1\n\n\0");
        assertThat(core.threads.subList(1, 3)).doesNotContain(Thread.currentThread());
    }

    @Test
    void theFanOutsFramesStillGoToTheWriterThread() throws Exception {
        var outbox = outbox(60_000);
        outbox.send(FAN_OUT);
        awaitFrames(1);
        assertThat(core.threads).doesNotContain(Thread.currentThread());
    }

    /** A limit of 0 ms: any frame offered while a write is in flight finds it stuck too long. */
    @Test
    void theSendTimeLimitCountsAWriteInFlightThatWasHandedOverAtOnce() throws Exception {
        var outbox = outbox(0);
        core.hold = true;
        outbox.sendMessage(new TextMessage("CONNECTED\n\n\0"));
        outbox.sendMessage(new TextMessage("RECEIPT\nreceipt-id:r1\n\n\0"));
        assertThat(ended.await(10, TimeUnit.SECONDS)).as("the STOMP session was ended").isTrue();
        assertThat(core.closed.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(core.closedWith).isEqualTo(org.springframework.web.socket.CloseStatus.SESSION_NOT_RELIABLE.getCode());
        assertThat(core.frames).containsExactly("CONNECTED\n\n\0");
    }

    @Test
    void aFailedWriteClosesTheConnectionAndNothingMoreIsWritten() throws Exception {
        var outbox = outbox(60_000);
        core.fail = new java.io.IOException("broken pipe");
        outbox.sendMessage(new TextMessage("CONNECTED\n\n\0"));
        assertThat(core.closed.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(core.closedWith).isEqualTo(org.springframework.web.socket.CloseStatus.SERVER_ERROR.getCode());
        core.fail = null;
        outbox.sendMessage(new TextMessage("RECEIPT\nreceipt-id:r1\n\n\0"));
        outbox.send(FAN_OUT);
        Thread.sleep(200); // a writer thread, if one were wrongly started, has had time to write
        assertThat(core.frames).containsExactly("CONNECTED\n\n\0");
    }

    private void awaitFrames(int count) throws InterruptedException {
        for (int i = 0; i < 1000 && core.frames.size() < count; i++) Thread.sleep(10);
        assertThat(core.frames).hasSize(count);
    }
}
