package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.delivery.DeliveryRun;
import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * The one writer of a {@code /ws} connection: every frame for it (fan-out, Spring's own frames, the close) is queued
 * here and written in that order. A sender never waits on the socket: it queues and, when no write is under way,
 * drains the queue itself, on its own thread, handing the frames to Jetty's core session without waiting (issues 15
 * and 19: a virtual thread started per write, its scheduling and its carrier's wake-up cost more than the write at a
 * few frames per connection per second); inside a fan-out's {@link DeliveryRun} it drains when the run ends, so that
 * a connection's frames of the run share one socket write. A write Jetty cannot finish at once (the socket is full: a client that
 * reads slowly or not at all) is left to it; its completion callback, on Jetty's thread, drains what queued
 * meanwhile. When several frames wait, they go to Jetty batched and end with a flush: one socket write for them.
 * <p>
 * Limits as Spring's {@code ConcurrentWebSocketSessionDecorator} applies them (which this replaces on the one-node
 * path): a frame queued while a write has been under way longer than the send-time limit, or that brings the queue
 * above the send-buffer limit, ends the connection ({@link CloseStatus#SESSION_NOT_RELIABLE}); the queue counts
 * the fan-out's frames in bytes and Spring's text frames in chars (mostly ASCII; not encoded here just to count).
 * A session that is not the core transport's (a test's) is written by a virtual thread with its blocking sends.
 */
final class SessionOutbox extends WebSocketSessionDecorator {
    private static final Logger log = LoggerFactory.getLogger(SessionOutbox.class);
    private static final ThreadFactory WRITERS = Thread.ofVirtual().name("stomp-write").inheritInheritableThreadLocals(false).factory();
    /**
     * At most about this many bytes are handed to Jetty in one batch, so that what Jetty holds for a connection stays
     * bounded (the send-buffer limit counts only the queue here); a backlog goes out in several batches.
     */
    static final int BATCH_BYTES = 16 * 1024;

    private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    /** Held by the one drainer, from its first poll until the last write's callback found nothing more to write. */
    private final AtomicBoolean writing = new AtomicBoolean();
    private final long timeLimitNanos;
    private final int bufferLimit;
    private final Runnable ended;
    /**
     * The {@code /ws} transport's session: takes frames without waiting, the fan-out's from a pooled buffer, and
     * batches several into one socket write; null for another session (a test's), which gets strings frame by frame.
     */
    private final CoreWebSocketSession core;
    private final Written written = new Written();
    private final Runnable drainer = this::drain;
    /** When the write under way started (System.nanoTime), 0 while none is. */
    private volatile long writeStarted;
    private volatile boolean dead;

    /** @param ended ends the STOMP session at once when a limit is exceeded (the socket's own close may take long) */
    SessionOutbox(WebSocketSession session, int sendTimeLimitMillis, int sendBufferLimit, java.util.function.Consumer<SessionOutbox> ended) {
        super(session);
        this.ended = () -> ended.accept(this);
        this.timeLimitNanos = TimeUnit.MILLISECONDS.toNanos(sendTimeLimitMillis);
        this.bufferLimit = sendBufferLimit;
        this.core = session instanceof CoreWebSocketSession c ? c : null;
    }

    /** Whether the fan-out's frames go to the transport as UTF-8 (false: as strings, encoded again per copy). */
    boolean writesEncodedText() {
        return core != null;
    }

    @Override
    public void sendMessage(WebSocketMessage<?> message) {
        offer(message, sizeOf(message));
    }

    /** What one of Spring's messages counts against the send-buffer limit: a text frame in chars, others in bytes. */
    private static int sizeOf(WebSocketMessage<?> message) {
        return message instanceof TextMessage t ? t.getPayload().length() : message.getPayloadLength();
    }

    /** A text frame from the fan-out: its bytes are put together when it is written. */
    void send(StompFrames.Delivery frame) {
        offer(frame, frame.length());
    }

    /** Closes after every frame queued before it is written (an ERROR frame, then the close). */
    @Override
    public void close(CloseStatus status) {
        offer(status, 0);
    }

    @Override
    public void close() {
        close(CloseStatus.NORMAL);
    }

    /** The connection closed: nothing more is written, and what waits is dropped. */
    void closed() {
        dead = true;
        queue.clear();
    }

    private void offer(Object item, int size) {
        if (dead) return;
        queue.add(item);
        int waiting = queued.addAndGet(size);
        long started = writeStarted;
        if (started != 0) {
            long stuck = System.nanoTime() - started;
            if (stuck > timeLimitNanos) {
                terminate("send time " + TimeUnit.NANOSECONDS.toMillis(stuck) + " (ms) exceeded the allowed limit " + TimeUnit.NANOSECONDS.toMillis(timeLimitNanos));
                return;
            }
        }
        if (waiting > bufferLimit) {
            terminate("buffer size " + waiting + " bytes exceeded the allowed limit " + bufferLimit);
            return;
        }
        if (writing.compareAndSet(false, true)) {
            if (core == null) {
                WRITERS.newThread(this::drainBlocking).start();
            } else if (DeliveryRun.defer(drainer)) {
                // written when the fan-out's run ends, with whatever else it brings this connection; counted as under way
                writeStarted = System.nanoTime() | 1;
            } else {
                drain();
            }
        }
    }

    /**
     * Holding {@code writing}: hands the waiting frames to Jetty, a batch at a time, for as long as Jetty completes
     * each at once (the usual case: the bytes went into the socket), in a loop rather than from the callback, which
     * Jetty may call inside {@code sendFrame}; a write left pending is continued by its callback. Nothing here blocks
     * or holds a lock across a write, since it runs on whichever thread offered the frame.
     */
    private void drain() {
        while (true) {
            if (!writeNext()) {
                writeStarted = 0;
                writing.set(false);
                // a frame queued after the last poll but before the flag cleared has nobody else to write it
                if (dead || queue.isEmpty() || !writing.compareAndSet(false, true)) return;
            } else if (written.pending()) {
                return;
            }
        }
    }

    /** Hands the next frame, or the next batch of them, to Jetty; false when there is nothing (more) to write. */
    private boolean writeNext() {
        Object item = queue.poll();
        if (item == null || dead) return false;
        if (item instanceof CloseStatus status) {
            closed();
            closeQuietly(status);
            return false;
        }
        written.start();
        writeStarted = System.nanoTime() | 1;
        try {
            Object next = queue.peek();
            if (next == null || next instanceof CloseStatus) {
                hand(item, false, written);
                return true;
            }
            // more than one frame waiting (a burst, or a backlog): they go out in one socket write instead of one
            // each; the kernel's TCP send per write was a quarter of the lobby's CPU under fan-out load. A failed
            // frame of the batch fails its flush too (Jetty fails all that follow), so theirs is not awaited.
            int bytes = hand(item, true, Callback.NOOP);
            while (bytes < BATCH_BYTES && (next = queue.peek()) != null && !(next instanceof CloseStatus) && (item = queue.poll()) != null) {
                bytes += hand(item, true, Callback.NOOP);
            }
            core.flush(written);
        } catch (RuntimeException e) {
            written.failed(e);
        }
        return true;
    }

    /** Hands a frame over without waiting; its size as the queue counted it. */
    private int hand(Object item, boolean batch, Callback done) {
        if (item instanceof StompFrames.Delivery frame) {
            queued.addAndGet(-frame.length());
            core.sendText(frame, batch, done);
            return frame.length();
        }
        var message = (WebSocketMessage<?>) item;
        int size = sizeOf(message);
        queued.addAndGet(-size);
        // Spring's STOMP frames (CONNECTED, receipts, heart-beats, errors) take the same road; their bytes are made already
        core.send(message, batch, done);
        return size;
    }

    /**
     * The completion of the write under way, one per outbox, reused for every write. When Jetty completes it inside
     * {@code sendFrame} or {@code flush}, the drain that handed it over goes on; when later (on Jetty's thread, the
     * socket writable again), this drains what queued meanwhile. Non-blocking: it only hands more frames to Jetty.
     */
    private final class Written implements Callback {
        private static final int PENDING = 0, DONE = 1, LEFT = 2;
        private final AtomicInteger state = new AtomicInteger(DONE);

        void start() {
            state.set(PENDING);
        }

        /** Called by the drain once the write is handed over: true if it is left to this callback to go on. */
        boolean pending() {
            return state.compareAndSet(PENDING, LEFT);
        }

        @Override
        public void succeeded() {
            writeStarted = 0;
            if (!state.compareAndSet(PENDING, DONE)) drain();
        }

        @Override
        public void failed(Throwable x) {
            writeStarted = 0;
            // gone or going: make sure it closes, and write no more
            log.debug("STOMP session {}: write failed: {}", getId(), x.toString());
            closed();
            closeQuietly(CloseStatus.SERVER_ERROR);
            if (!state.compareAndSet(PENDING, DONE)) writing.set(false);
        }

        @Override
        public InvocationType getInvocationType() {
            return InvocationType.NON_BLOCKING;
        }
    }

    /** A session that is not the core transport's: written frame by frame with its blocking sends, on a thread. */
    private void drainBlocking() {
        do {
            Object item;
            while (!dead && (item = queue.poll()) != null) writeBlocking(item);
            writing.set(false);
        } while (!dead && !queue.isEmpty() && writing.compareAndSet(false, true));
    }

    private void writeBlocking(Object item) {
        if (item instanceof CloseStatus status) {
            closed();
            closeQuietly(status);
            return;
        }
        writeStarted = System.nanoTime() | 1;
        try {
            if (item instanceof StompFrames.Delivery frame) {
                queued.addAndGet(-frame.length());
                getDelegate().sendMessage(new TextMessage(frame.bytes()));
            } else {
                var message = (WebSocketMessage<?>) item;
                queued.addAndGet(-sizeOf(message));
                getDelegate().sendMessage(message);
            }
        } catch (IOException | RuntimeException e) {
            log.debug("STOMP session {}: write failed: {}", getId(), e.toString());
            closed();
            closeQuietly(CloseStatus.SERVER_ERROR);
        } finally {
            writeStarted = 0;
        }
    }

    /** Ends a connection that does not keep up, without waiting on its socket. */
    private void terminate(String why) {
        if (dead) return;
        closed();
        log.warn("closing STOMP session {}: {}", getId(), why);
        // as Spring's decorator does it: the STOMP session ends now (subscriptions, presence, the reconnect window),
        // then the socket is closed, which for a client that does not read may wait on the container's own timeout
        WRITERS.newThread(() -> {
            ended.run();
            closeQuietly(CloseStatus.SESSION_NOT_RELIABLE);
        }).start();
    }

    private void closeQuietly(CloseStatus status) {
        try {
            if (getDelegate().isOpen()) getDelegate().close(status);
        } catch (IOException | RuntimeException e) {
            log.debug("STOMP session {}: close failed: {}", getId(), e.toString());
        }
    }
}
