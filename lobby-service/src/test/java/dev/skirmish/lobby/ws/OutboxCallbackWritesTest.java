package dev.skirmish.lobby.ws;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import dev.skirmish.lobby.delivery.DeliveryRun;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.ExtensionConfig;
import org.eclipse.jetty.websocket.core.Frame;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A connection's outbox writes on the thread that finds it idle, handing frames to Jetty's core session without
 * waiting, and goes on from Jetty's write-completion callback (issues 15 and 19: no thread started per write). Jetty's
 * session is a stand-in here that records each frame, whether it was batched, each flush and the thread of each, and
 * completes a write at once or leaves it pending until the test completes it, as Jetty does when the socket is full.
 */
class OutboxCallbackWritesTest {
    /** Jetty's session as the outbox sees it. */
    static final class Core extends CoreSession.Empty {
        final ByteBufferPool pool = new ArrayByteBufferPool();
        /** Each frame's text, "+" in front when batched, and "FLUSH" for a flush, in the order handed over. */
        final List<String> writes = new CopyOnWriteArrayList<>();
        final List<Thread> threads = new CopyOnWriteArrayList<>();
        final List<Callback> pending = new CopyOnWriteArrayList<>();
        volatile boolean hold;
        volatile Throwable fail;
        volatile Integer closedWith;
        final CountDownLatch closed = new CountDownLatch(1);

        @Override
        public void sendFrame(Frame frame, Callback callback, boolean batch) {
            record((batch ? "+" : "") + BufferUtil.toString(frame.getPayload(), StandardCharsets.UTF_8), callback);
        }

        @Override
        public void flush(Callback callback) {
            record("FLUSH", callback);
        }

        private void record(String write, Callback callback) {
            writes.add(write);
            threads.add(Thread.currentThread());
            if (fail != null) callback.failed(fail);
            else if (hold) pending.add(callback);
            else callback.succeeded();
        }

        /** Completes the write left pending, on another thread (Jetty's, once the socket is writable again). */
        void completeFromAnotherThread() throws InterruptedException {
            hold = false;
            Callback left = pending.removeFirst();
            Thread.ofPlatform().start(left::succeeded).join();
        }

        @Override
        public ByteBufferPool getByteBufferPool() {
            return pool;
        }

        @Override
        public List<ExtensionConfig> getNegotiatedExtensions() {
            return List.of();
        }

        @Override
        public boolean isOutputOpen() {
            return closedWith == null;
        }

        @Override
        public void close(int statusCode, String reason, Callback callback) {
            writes.add("CLOSE " + statusCode);
            closedWith = statusCode;
            closed.countDown();
            callback.succeeded();
        }
    }

    private static final StompFrames.Shared LINE = StompFrames.of("/topic/lobby/chat", "text/plain", "hi".getBytes(StandardCharsets.UTF_8));

    private final Core core = new Core();
    private final CountDownLatch ended = new CountDownLatch(1);

    private SessionOutbox outbox(int sendTimeLimitMillis, int sendBufferLimit) {
        var session = new CoreWebSocketSession(new String[0], null, null, null, null, null, 24 * 1024, 24 * 1024);
        session.initializeNativeSession(core);
        return new SessionOutbox(session, sendTimeLimitMillis, sendBufferLimit, o -> ended.countDown());
    }

    private static StompFrames.Delivery line(int n) {
        return LINE.to("s" + n, n);
    }

    private static String text(StompFrames.Delivery frame) {
        return new String(frame.bytes(), StandardCharsets.UTF_8);
    }

    @Test
    void aFrameOfferedToAnIdleOutboxIsWrittenOnTheOfferingThread() {
        var outbox = outbox(60_000, 1 << 20);
        outbox.sendMessage(new TextMessage("CONNECTED\n\n\0"));
        outbox.send(line(1));
        outbox.sendMessage(new TextMessage("RECEIPT\nreceipt-id:r1\n\n\0"));
        // each was handed over, unbatched, before the offer returned, on this thread: no writer thread was started
        assertThat(core.writes).containsExactly("CONNECTED\n\n\0", text(line(1)), "RECEIPT\nreceipt-id:r1\n\n\0");
        assertThat(core.threads).containsOnly(Thread.currentThread());
    }

    @Test
    void framesQueuedBehindAPendingWriteFollowInOrderFromItsCallbackBatchedIntoOneFlush() throws Exception {
        var outbox = outbox(60_000, 1 << 20);
        core.hold = true;
        outbox.send(line(1));
        outbox.send(line(2));
        outbox.sendMessage(new TextMessage("RECEIPT\nreceipt-id:r1\n\n\0"));
        outbox.send(line(3));
        // the socket has not taken the first frame: the others wait, and the offering thread did not
        assertThat(core.writes).containsExactly(text(line(1)));

        core.completeFromAnotherThread();
        assertThat(core.writes).containsExactly(text(line(1)), "+" + text(line(2)), "+RECEIPT\nreceipt-id:r1\n\n\0", "+" + text(line(3)), "FLUSH");
        assertThat(core.threads.subList(1, 5)).doesNotContain(Thread.currentThread()).containsOnly(core.threads.get(1));

        outbox.send(line(4)); // idle again: written at once, here
        assertThat(core.writes).hasSize(6).last().isEqualTo(text(line(4)));
        assertThat(core.threads.getLast()).isSameAs(Thread.currentThread());
    }

    @Test
    void insideADeliveryRunAConnectionsFramesAreWrittenWhenTheRunEndsInOneFlush() {
        var outbox = outbox(60_000, 1 << 20);
        var other = new Core();
        var otherSession = new CoreWebSocketSession(new String[0], null, null, null, null, null, 24 * 1024, 24 * 1024);
        otherSession.initializeNativeSession(other);
        var otherOutbox = new SessionOutbox(otherSession, 60_000, 1 << 20, o -> { });
        DeliveryRun.run(() -> {
            outbox.send(line(1));
            otherOutbox.send(line(2));
            outbox.send(line(3));
            outbox.send(line(4));
            assertThat(core.writes).as("nothing written before the run ends").isEmpty();
            assertThat(other.writes).isEmpty();
        });
        assertThat(core.writes).containsExactly("+" + text(line(1)), "+" + text(line(3)), "+" + text(line(4)), "FLUSH");
        assertThat(other.writes).containsExactly(text(line(2)));
        assertThat(core.threads).containsOnly(Thread.currentThread());
        outbox.send(line(5)); // outside a run: at once
        assertThat(core.writes).last().isEqualTo(text(line(5)));
    }

    @Test
    void aBacklogGoesToJettyInBoundedBatches() throws Exception {
        var outbox = outbox(60_000, 1 << 20);
        core.hold = true;
        outbox.send(line(0));
        int backlog = 2 * SessionOutbox.BATCH_BYTES / line(1).length() + 10;
        for (int i = 1; i <= backlog; i++) outbox.send(line(i));
        core.hold = false;
        core.completeFromAnotherThread();

        long flushes = core.writes.stream().filter("FLUSH"::equals).count();
        assertThat(flushes).as("flushes for a backlog of %d frames", backlog).isEqualTo(3);
        assertThat(core.writes.stream().filter(w -> !w.equals("FLUSH")).toList())
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(0, backlog)
                        .mapToObj(i -> (i == 0 ? "" : "+") + text(line(i))).toList());
    }

    @Test
    void theCloseFollowsTheFramesQueuedBeforeItAndNothingAfterIt() throws Exception {
        var outbox = outbox(60_000, 1 << 20);
        core.hold = true;
        outbox.send(line(1));
        outbox.sendMessage(new TextMessage("ERROR\nmessage:bad\n\n\0"));
        outbox.close(CloseStatus.PROTOCOL_ERROR);
        outbox.send(line(2));
        assertThat(core.writes).containsExactly(text(line(1)));
        core.completeFromAnotherThread();
        assertThat(core.writes).containsExactly(text(line(1)), "ERROR\nmessage:bad\n\n\0", "CLOSE 1002");
    }

    /** A limit of 0 ms: any frame offered while a write is pending finds it stuck too long. */
    @Test
    void theSendTimeLimitCountsAPendingWrite() throws Exception {
        var outbox = outbox(0, 1 << 20);
        core.hold = true;
        outbox.send(line(1));
        outbox.send(line(2));
        assertThat(ended.await(10, TimeUnit.SECONDS)).as("the STOMP session was ended").isTrue();
        assertThat(core.closed.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(core.closedWith).isEqualTo(CloseStatus.SESSION_NOT_RELIABLE.getCode());
        assertThat(core.writes).containsExactly(text(line(1)), "CLOSE " + CloseStatus.SESSION_NOT_RELIABLE.getCode());
    }

    @Test
    void theSendBufferLimitCountsWhatQueuesBehindAPendingWrite() throws Exception {
        int limit = 3 * line(1).length();
        var outbox = outbox(60_000, limit);
        core.hold = true;
        for (int i = 0; i < 5; i++) outbox.send(line(i)); // the first is Jetty's; three fit behind it, the fifth does not
        assertThat(ended.await(10, TimeUnit.SECONDS)).as("the STOMP session was ended").isTrue();
        assertThat(core.closed.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(core.closedWith).isEqualTo(CloseStatus.SESSION_NOT_RELIABLE.getCode());
        core.completeFromAnotherThread();
        assertThat(core.writes).containsExactly(text(line(0)), "CLOSE " + CloseStatus.SESSION_NOT_RELIABLE.getCode());
    }

    @Test
    void aFailedWriteClosesWithServerErrorAndNothingMoreIsWritten() throws Exception {
        var outbox = outbox(60_000, 1 << 20);
        core.hold = true;
        outbox.send(line(1));
        outbox.send(line(2));
        outbox.send(line(3));
        Callback left = core.pending.removeFirst();
        core.fail = new IOException("broken pipe");
        Thread.ofPlatform().start(() -> left.failed(core.fail)).join();
        assertThat(core.closedWith).isEqualTo(CloseStatus.SERVER_ERROR.getCode());
        core.fail = null;
        core.hold = false;
        outbox.send(line(4));
        outbox.sendMessage(new TextMessage("RECEIPT\nreceipt-id:r1\n\n\0"));
        assertThat(core.writes).containsExactly(text(line(1)), "CLOSE 1011");
    }

    @Test
    void aWriteThatFailsAtOnceClosesWithServerError() {
        var outbox = outbox(60_000, 1 << 20);
        core.fail = new IOException("broken pipe");
        outbox.send(line(1));
        assertThat(core.closedWith).isEqualTo(CloseStatus.SERVER_ERROR.getCode());
        core.fail = null;
        outbox.send(line(2));
        assertThat(core.writes).containsExactly(text(line(1)), "CLOSE 1011");
    }
}
