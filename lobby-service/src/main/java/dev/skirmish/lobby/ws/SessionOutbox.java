package dev.skirmish.lobby.ws;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.CompletionHandler;
import java.util.ArrayList;
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
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * The one writer of a {@code /ws} connection: every frame for it (fan-out, Spring's own frames, the close) is queued
 * here and written in that order. A sender never waits on the socket. On Tomcat ({@link DirectText}) the sender that
 * finds no write under way writes what waits itself, without blocking: text frames go to the socket in one
 * non-blocking gather write (several frames in one write when more than one waits); when the socket takes them at
 * once, which is the common case, the sender goes on with what queued meanwhile and returns when the queue is empty;
 * when it does not, the sender returns at once and the write's completion, on Tomcat's executor after its poller saw
 * the socket writable, writes what queued meanwhile. Chat fan-out thus costs no thread hand-off per delivery, the
 * fan-out thread never waits on a client that stops reading, and a backlog is written in a loop, not by recursion.
 * What only the container's blocking send can write (the close, a non-text frame) is written by a virtual thread,
 * never by the sender. Without {@link DirectText} (another container, {@code permessage-deflate}) every drain is a
 * virtual thread doing the container's blocking send, and several waiting frames are batched by the container.
 * <p>
 * Limits as Spring's {@code ConcurrentWebSocketSessionDecorator} applies them (which this replaces on the one-node
 * path): a frame queued while a write has been stuck longer than the send-time limit, or that brings the queue
 * above the send-buffer limit, ends the connection ({@link CloseStatus#SESSION_NOT_RELIABLE}); the queue counts
 * the fan-out's frames in bytes and Spring's text frames in chars (mostly ASCII; not encoded here just to count).
 */
final class SessionOutbox extends WebSocketSessionDecorator {
    private static final Logger log = LoggerFactory.getLogger(SessionOutbox.class);
    private static final ThreadFactory WRITERS = Thread.ofVirtual().name("stomp-write").inheritInheritableThreadLocals(false).factory();

    /** A direct write carries at most this much (at least one frame, whatever its size): a backlog goes in pieces. */
    private static final int MAX_WRITE = 64 * 1024;

    private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final long timeLimitNanos;
    private final int bufferLimit;
    private final Runnable ended;
    /** The container's endpoint, for batching several frames into one socket write; null where there is none. */
    private final RemoteEndpoint.Basic remote;
    /** Writes the fan-out's UTF-8 frames without the container encoding them again; null where it cannot. */
    private final EncodedText text;
    /** Writes text frames without blocking and without a thread of their own; null where it cannot (see the class). */
    private final DirectText direct;
    private final Written written = new Written();
    /**
     * Which side goes on after a direct write: the writer that started it and its completion both try to move this
     * from 0 to 1; the one that fails goes on writing (the completion came first, maybe inline: the writer; the
     * writer had already left: the completion). One write is under way at a time, so one counter serves them all.
     */
    private final AtomicInteger turn = new AtomicInteger();
    /** The frames of the write being put together (only the writer touches it). */
    private final ArrayList<byte[]> batch = new ArrayList<>();
    /** When the write under way started (System.nanoTime), 0 while none is. */
    private volatile long writeStarted;
    private volatile boolean dead;

    /** @param ended ends the STOMP session at once when a limit is exceeded (the socket's own close may take long) */
    SessionOutbox(WebSocketSession session, int sendTimeLimitMillis, int sendBufferLimit, java.util.function.Consumer<SessionOutbox> ended) {
        super(session);
        this.ended = () -> ended.accept(this);
        this.timeLimitNanos = TimeUnit.MILLISECONDS.toNanos(sendTimeLimitMillis);
        this.bufferLimit = sendBufferLimit;
        var container = session instanceof NativeWebSocketSession n ? n.getNativeSession(Session.class) : null;
        this.remote = container == null ? null : container.getBasicRemote();
        this.text = EncodedText.of(container);
        this.direct = DirectText.of(container);
    }

    @Override
    public void sendMessage(WebSocketMessage<?> message) {
        offer(message, message instanceof TextMessage t ? t.getPayload().length() : message.getPayloadLength());
    }

    /** Whether text frames go out by {@link DirectText} (false: by the container's blocking send on a virtual thread). */
    boolean writesDirect() {
        return direct != null;
    }

    /** A text frame from the fan-out, already in UTF-8. */
    void send(byte[] frame) {
        offer(frame, frame.length);
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
            if (direct != null) {
                if (!DeferredWrites.defer(this)) pump(false);
            } else {
                WRITERS.newThread(this::drain).start();
            }
        }
    }

    /** Writes what queued during a {@link DeferredWrites} batch (this thread holds the writer's turn since then). */
    void flush() {
        pump(false);
    }

    /**
     * Writes what waits, by the thread that holds the writer's turn ({@code writing}), until the queue is empty or a
     * write did not complete at once (its completion goes on then). {@code mayBlock}: only a virtual thread of this
     * outbox may wait (for the close, a non-text frame, or the container's own frame holding the permit).
     */
    private void pump(boolean mayBlock) {
        while (!dead) {
            Object head = queue.peek();
            if (head == null) {
                writing.set(false);
                // a frame queued after the peek but before the flag cleared has nobody else to write it
                if (queue.isEmpty() || !writing.compareAndSet(false, true)) return;
                continue;
            }
            if (!(head instanceof byte[] || head instanceof TextMessage)) {
                if (!mayBlock) {
                    WRITERS.newThread(() -> pump(true)).start();
                    return;
                }
                if (queue.poll() == head) write(head);
                continue;
            }
            if (!direct.tryClaim() && !(mayBlock && claim())) {
                // the container is writing a frame of its own (a pong, its close): wait for it, never on this thread
                if (!dead) WRITERS.newThread(() -> pump(true)).start();
                return;
            }
            ByteBuffer frames = take();
            turn.set(0);
            writeStarted = System.nanoTime() | 1;
            direct.write(frames, written);
            if (turn.compareAndSet(0, 1)) return; // not done yet: the completion goes on from there
        }
    }

    /** Waits for the container's write permit (a virtual thread only); false, and the connection closed, if it did not come. */
    private boolean claim() {
        try {
            if (direct.claim(DirectText.WRITE_TIMEOUT_MILLIS)) return true;
            writeFailed(new SocketTimeoutException("the container's own frame held the socket"));
        } catch (InterruptedException e) {
            writeFailed(e);
        }
        return false;
    }

    /** Takes the text frames at the head of the queue (up to {@link #MAX_WRITE} bytes) and frames them into one buffer. */
    private ByteBuffer take() {
        int size = 0;
        Object item;
        while ((item = queue.peek()) instanceof byte[] || item instanceof TextMessage) {
            byte[] payload = item instanceof byte[] frame ? frame : ((TextMessage) item).asBytes();
            int framed = DirectText.frameSize(payload.length);
            if (!batch.isEmpty() && size + framed > MAX_WRITE) break;
            if (queue.poll() != item) break; // cleared meanwhile: the connection closed
            queued.addAndGet(item instanceof byte[] ? -payload.length : -((TextMessage) item).getPayload().length());
            batch.add(payload);
            size += framed;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        for (byte[] payload : batch) DirectText.frame(payload, out);
        batch.clear();
        return out.flip();
    }

    /** The end of a direct write, on the writer's thread (inline) or on the container's after its poller. */
    private final class Written implements CompletionHandler<Long, Void> {
        @Override
        public void completed(Long bytes, Void attachment) {
            finished();
        }

        @Override
        public void failed(Throwable e, Void attachment) {
            closed();
            finished();
            // the close frame waits for the socket, on a virtual thread; the permit is back, so it may take its turn
            WRITERS.newThread(() -> {
                log.debug("STOMP session {}: write failed: {}", getId(), e.toString());
                closeQuietly(CloseStatus.SERVER_ERROR);
            }).start();
        }

        private void finished() {
            writeStarted = 0;
            direct.release();
            if (!turn.compareAndSet(0, 1)) pump(false);
        }
    }

    private void writeFailed(Exception e) {
        log.debug("STOMP session {}: write failed: {}", getId(), e.toString());
        closed();
        closeQuietly(CloseStatus.SERVER_ERROR);
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
                write(item);
                if (batching && queue.peek() == null) batching = batch(false);
            }
            if (batching) batch(false);
            writing.set(false);
            // a frame queued after the last poll but before the flag cleared has nobody else to write it
        } while (!dead && !queue.isEmpty() && writing.compareAndSet(false, true));
    }

    private void write(Object item) {
        writeStarted = System.nanoTime() | 1;
        try {
            if (item instanceof CloseStatus status) {
                dead = true;
                queue.clear();
                getDelegate().close(status);
            } else if (item instanceof byte[] frame) {
                queued.addAndGet(-frame.length);
                if (text != null) text.send(frame);
                else getDelegate().sendMessage(new TextMessage(frame));
            } else {
                var message = (WebSocketMessage<?>) item;
                queued.addAndGet(message instanceof TextMessage t ? -t.getPayload().length() : -message.getPayloadLength());
                getDelegate().sendMessage(message);
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
     * Turns the container's batching on or off (off writes what it holds, in one go); returns the new state. A
     * container without it (not a JSR-356 session) writes frame by frame as before.
     */
    private boolean batch(boolean on) {
        if (dead || remote == null) return false;
        writeStarted = System.nanoTime() | 1;
        try {
            remote.setBatchingAllowed(on);
            return on;
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
