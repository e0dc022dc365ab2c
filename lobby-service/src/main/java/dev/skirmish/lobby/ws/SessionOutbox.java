package dev.skirmish.lobby.ws;

import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
 * starts one virtual thread that writes until the queue is empty, so a client that stops reading parks only that
 * thread. Chat fan-out thus costs no thread per delivery while a connection keeps up, and the fan-out thread itself
 * never blocks. When several frames wait, the writer lets Jetty's core session batch them into one socket write.
 * <p>
 * Limits as Spring's {@code ConcurrentWebSocketSessionDecorator} applies them (which this replaces on the one-node
 * path): a frame queued while a write has been stuck longer than the send-time limit, or that brings the queue
 * above the send-buffer limit, ends the connection ({@link CloseStatus#SESSION_NOT_RELIABLE}); the queue counts
 * the fan-out's frames in bytes and Spring's text frames in chars (mostly ASCII; not encoded here just to count).
 */
final class SessionOutbox extends WebSocketSessionDecorator {
    private static final Logger log = LoggerFactory.getLogger(SessionOutbox.class);
    private static final ThreadFactory WRITERS = Thread.ofVirtual().name("stomp-write").inheritInheritableThreadLocals(false).factory();

    private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final long timeLimitNanos;
    private final int bufferLimit;
    private final Runnable ended;
    /**
     * The {@code /ws} transport's session: writes the fan-out's frames from a pooled buffer and batches several into
     * one socket write; null for another session (a test's), which gets strings frame by frame.
     */
    private final CoreWebSocketSession core;
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
        offer(message, message instanceof TextMessage t ? t.getPayload().length() : message.getPayloadLength());
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
        if (writing.compareAndSet(false, true)) WRITERS.newThread(this::drain).start();
    }

    private void drain() {
        do {
            Object item;
            boolean batching = false;
            while (!dead && (item = queue.poll()) != null) {
                // more than one frame waiting (a burst, or a backlog): they go out in one socket write instead of one
                // each; the kernel's TCP send per write was a quarter of the lobby's CPU under fan-out load
                if (!batching && !(item instanceof CloseStatus) && queue.peek() != null) batching = batch(true);
                if (batching && item instanceof CloseStatus) batching = batch(false);
                write(item, batching);
                if (batching && queue.peek() == null) batching = batch(false);
            }
            if (batching) batch(false);
            writing.set(false);
            // a frame queued after the last poll but before the flag cleared has nobody else to write it
        } while (!dead && !queue.isEmpty() && writing.compareAndSet(false, true));
    }

    private void write(Object item, boolean batching) {
        writeStarted = System.nanoTime() | 1;
        try {
            if (item instanceof CloseStatus status) {
                dead = true;
                queue.clear();
                getDelegate().close(status);
            } else if (item instanceof StompFrames.Delivery frame) {
                queued.addAndGet(-frame.length());
                if (core != null) core.sendText(frame, batching);
                else getDelegate().sendMessage(new TextMessage(frame.bytes()));
            } else {
                var message = (WebSocketMessage<?>) item;
                queued.addAndGet(message instanceof TextMessage t ? -t.getPayload().length() : -message.getPayloadLength());
                // Spring's STOMP frames (receipts, heart-beats, errors) join the batch too; their bytes are made already
                if (core != null && message instanceof TextMessage t && t.isLast()) core.sendText(t.asBytes(), batching);
                else getDelegate().sendMessage(message);
            }
        } catch (IOException | RuntimeException e) {
            // gone or going (a write that timed out in the container, too): make sure it closes, and write no more
            log.debug("STOMP session {}: write failed: {}", getId(), e.toString());
            closed();
            closeQuietly(CloseStatus.SERVER_ERROR);
        } finally {
            writeStarted = 0;
        }
    }

    /**
     * Turns batching on or off (off writes what Jetty's batch buffer holds, in one go); returns the new state. A
     * session that cannot batch (not the core transport's) writes frame by frame.
     */
    private boolean batch(boolean on) {
        if (dead || core == null) return false;
        if (on) return true; // the next frames are sent with batch=true, nothing to tell Jetty
        writeStarted = System.nanoTime() | 1;
        try {
            core.flush();
            return false;
        } catch (IOException | RuntimeException e) {
            log.debug("STOMP session {}: batched write failed: {}", getId(), e.toString());
            closed();
            closeQuietly(CloseStatus.SERVER_ERROR);
            return false;
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
