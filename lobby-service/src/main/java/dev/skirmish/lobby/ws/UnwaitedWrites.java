package dev.skirmish.lobby.ws;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.tcp.ReconnectStrategy;
import org.springframework.messaging.tcp.TcpConnection;
import org.springframework.messaging.tcp.TcpConnectionHandler;
import org.springframework.messaging.tcp.TcpOperations;

/**
 * Fan-out {@code node}: the bridge's TCP client, whose writes do not make the writer wait. Spring's STOMP session waits
 * for every write it hands to the connection ({@code sendAsync(...).get()}), and the write is done by the
 * connection's one I/O thread: per bundle the sender parked, the I/O thread woke it, and on a busy machine each of
 * those wake-ups waited for a core (the profile in docs/benchmarks.md, issue 15). Here a write is handed to the
 * connection and reported done at once while the bytes in flight (handed over, not yet written) stay within
 * {@code maxBytesInFlight}; a write that takes them over the bound is waited for, so a writer faster than the socket
 * is slowed down to it (back-pressure), never dropped. Writes of one thread keep their order (the I/O thread takes
 * them in the order they were handed over).
 * <p>A write that fails after it was reported done is not silent: the writer learns it from {@link #takeLastWrite()}
 * (the bridge counts the bundle's lines as unsent), and the connection is closed, so the bridge reconnects as for
 * any loss of the connection; nothing written after a failed write goes out on that connection.
 */
final class UnwaitedWrites implements TcpOperations<byte[]> {
    private static final Logger log = LoggerFactory.getLogger(UnwaitedWrites.class);
    /** A frame's STOMP command and headers: far under this; counted with the body so tiny frames are not free. */
    static final int FRAME_OVERHEAD = 256;

    private final TcpOperations<byte[]> tcp;
    private final long maxBytesInFlight;
    private final AtomicLong inFlight = new AtomicLong();
    private final ThreadLocal<CompletableFuture<Void>> last = new ThreadLocal<>();

    UnwaitedWrites(TcpOperations<byte[]> tcp, long maxBytesInFlight) {
        if (maxBytesInFlight <= 0) throw new IllegalArgumentException("maxBytesInFlight must be positive: " + maxBytesInFlight);
        this.tcp = tcp;
        this.maxBytesInFlight = maxBytesInFlight;
    }

    /** Bytes handed to the connection and not yet written (or failed). */
    long bytesInFlight() {
        return inFlight.get();
    }

    /** The real outcome of the calling thread's last write (through any connection of this client), or null; taken once. */
    CompletableFuture<Void> takeLastWrite() {
        CompletableFuture<Void> written = last.get();
        last.remove();
        return written;
    }

    @Override
    public CompletableFuture<Void> connectAsync(TcpConnectionHandler<byte[]> handler) {
        return tcp.connectAsync(new Handler(handler));
    }

    @Override
    public CompletableFuture<Void> connectAsync(TcpConnectionHandler<byte[]> handler, ReconnectStrategy reconnect) {
        return tcp.connectAsync(new Handler(handler), reconnect);
    }

    @Override
    public CompletableFuture<Void> shutdownAsync() {
        return tcp.shutdownAsync();
    }

    /** Wraps each new connection before Spring's session sees it. */
    private final class Handler implements TcpConnectionHandler<byte[]> {
        private final TcpConnectionHandler<byte[]> session;

        Handler(TcpConnectionHandler<byte[]> session) {
            this.session = session;
        }

        @Override
        public void afterConnected(TcpConnection<byte[]> connection) {
            session.afterConnected(new Connection(connection));
        }

        @Override
        public void afterConnectFailure(Throwable e) {
            session.afterConnectFailure(e);
        }

        @Override
        public void handleMessage(Message<byte[]> message) {
            session.handleMessage(message);
        }

        @Override
        public void handleFailure(Throwable e) {
            session.handleFailure(e);
        }

        @Override
        public void afterConnectionClosed() {
            session.afterConnectionClosed();
        }
    }

    private final class Connection implements TcpConnection<byte[]> {
        private final TcpConnection<byte[]> connection;

        Connection(TcpConnection<byte[]> connection) {
            this.connection = connection;
        }

        @Override
        public CompletableFuture<Void> sendAsync(Message<byte[]> message) {
            long size = message.getPayload().length + FRAME_OVERHEAD;
            long now = inFlight.addAndGet(size);
            CompletableFuture<Void> written;
            try {
                written = connection.sendAsync(message);
            } catch (RuntimeException e) {
                inFlight.addAndGet(-size);
                throw e;
            }
            written.whenComplete((done, e) -> {
                inFlight.addAndGet(-size);
                if (e != null) failed(e);
            });
            last.set(written);
            // over the bound: this writer waits for its own write, so the bytes in flight shrink before it writes again
            return now > maxBytesInFlight ? written : CompletableFuture.completedFuture(null);
        }

        private void failed(Throwable e) {
            log.warn("write to RabbitMQ failed ({}); closing the connection, the bridge reconnects", e.toString());
            connection.close();
        }

        @Override
        public void onReadInactivity(Runnable task, long duration) {
            connection.onReadInactivity(task, duration);
        }

        @Override
        public void onWriteInactivity(Runnable task, long duration) {
            connection.onWriteInactivity(task, duration);
        }

        @Override
        public void close() {
            connection.close();
        }
    }
}
