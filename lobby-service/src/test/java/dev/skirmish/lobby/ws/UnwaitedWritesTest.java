package dev.skirmish.lobby.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.tcp.ReconnectStrategy;
import org.springframework.messaging.tcp.TcpConnection;
import org.springframework.messaging.tcp.TcpConnectionHandler;
import org.springframework.messaging.tcp.TcpOperations;

/**
 * The bridge's writes without a wait per write, and their bound: a connection that does not write (RabbitMQ stuck, a
 * full socket) must stop the writer, not let it pile up frames in the heap.
 */
class UnwaitedWritesTest {
    private static final int BODY = 1000;
    private static final long BOUND = 64 * 1024;

    /** A connection whose writes finish only when the test says so. */
    private static final class Socket implements TcpConnection<byte[]> {
        final List<CompletableFuture<Void>> writes = new CopyOnWriteArrayList<>();
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public CompletableFuture<Void> sendAsync(Message<byte[]> message) {
            var written = new CompletableFuture<Void>();
            writes.add(written);
            return written;
        }

        @Override
        public void onReadInactivity(Runnable task, long duration) {
        }

        @Override
        public void onWriteInactivity(Runnable task, long duration) {
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    private final Socket socket = new Socket();
    private final UnwaitedWrites writes = new UnwaitedWrites(new TcpOperations<>() {
        @Override
        public CompletableFuture<Void> connectAsync(TcpConnectionHandler<byte[]> handler) {
            handler.afterConnected(socket);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> connectAsync(TcpConnectionHandler<byte[]> handler, ReconnectStrategy reconnect) {
            return connectAsync(handler);
        }

        @Override
        public CompletableFuture<Void> shutdownAsync() {
            return CompletableFuture.completedFuture(null);
        }
    }, BOUND);

    /** What Spring's session is given on connect: the wrapped connection. */
    private TcpConnection<byte[]> connect() {
        var seen = new AtomicReference<TcpConnection<byte[]>>();
        writes.connectAsync(new TcpConnectionHandler<>() {
            @Override
            public void afterConnected(TcpConnection<byte[]> connection) {
                seen.set(connection);
            }

            @Override
            public void afterConnectFailure(Throwable e) {
            }

            @Override
            public void handleMessage(Message<byte[]> message) {
            }

            @Override
            public void handleFailure(Throwable e) {
            }

            @Override
            public void afterConnectionClosed() {
            }
        });
        return seen.get();
    }

    private static Message<byte[]> frame() {
        return MessageBuilder.withPayload(new byte[BODY]).build();
    }

    @Test
    void aWriteUnderTheBoundIsReportedDoneBeforeItIsWritten() {
        TcpConnection<byte[]> connection = connect();
        CompletableFuture<Void> reported = connection.sendAsync(frame());
        assertThat(reported).isDone();
        assertThat(socket.writes).hasSize(1).allMatch(w -> !w.isDone());
        assertThat(writes.bytesInFlight()).isEqualTo(BODY + UnwaitedWrites.FRAME_OVERHEAD);
        socket.writes.get(0).complete(null);
        assertThat(writes.bytesInFlight()).isZero();
    }

    /**
     * Attack: a RabbitMQ that stops reading (or a socket that stays full) while a node keeps publishing. Spring's
     * session waits for what sendAsync returns, so a writer that loops as it does must stop once the bytes in flight
     * pass the bound. Without the bound every write is reported done and the frames pile up without limit.
     */
    @Test
    void aConnectionThatDoesNotWriteStopsTheWriterAtTheBound() throws Exception {
        TcpConnection<byte[]> connection = connect();
        var writer = Thread.ofPlatform().daemon().start(() -> {
            for (int i = 0; i < 10_000; i++) connection.sendAsync(frame()).join(); // as DefaultStompSession.send
        });
        long limit = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (writer.getState() != Thread.State.WAITING && writer.isAlive() && System.nanoTime() < limit) Thread.sleep(5);
        assertThat(writer.isAlive()).as("the writer stopped before its 10,000 frames").isTrue();
        int frame = BODY + UnwaitedWrites.FRAME_OVERHEAD;
        assertThat(socket.writes).hasSize((int) (BOUND / frame) + 1);
        assertThat(writes.bytesInFlight()).isLessThanOrEqualTo(BOUND + frame);

        // the socket drains: the writer goes on
        int before = socket.writes.size();
        socket.writes.forEach(w -> w.complete(null));
        limit = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (socket.writes.size() <= before + 1 && System.nanoTime() < limit) Thread.sleep(5);
        assertThat(socket.writes.size()).isGreaterThan(before + 1);
        writer.interrupt();
    }

    /** A write reported done that then fails is not lost silently: the writer hears of it and the connection closes. */
    @Test
    void aFailedWriteIsReportedToItsWriterAndClosesTheConnection() {
        TcpConnection<byte[]> connection = connect();
        assertThat(connection.sendAsync(frame())).isDone();
        CompletableFuture<Void> real = writes.takeLastWrite();
        assertThat(writes.takeLastWrite()).as("taken once").isNull();
        socket.writes.get(0).completeExceptionally(new IOException("broken pipe"));
        assertThat(real).isCompletedExceptionally();
        assertThat(socket.closed).isTrue();
        assertThat(writes.bytesInFlight()).isZero();
    }
}
