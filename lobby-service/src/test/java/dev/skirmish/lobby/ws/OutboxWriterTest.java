package dev.skirmish.lobby.ws;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A connection's outbox has one writer for the connection's life: each frame that finds the queue empty wakes that
 * writer instead of starting a new thread (a thread, a continuation and a stack per wake-up, nearly once per
 * delivery at chat rates), and the writer ends with the connection, so closed connections leave no parked threads.
 * The session here is a stand-in that records which thread wrote each frame (the outbox needs nothing else of it);
 * the frames through a real container are {@code BatchedWritesTest}'s and the limits the slow-consumer tests'.
 */
class OutboxWriterTest {
    @Test
    void oneWriterServesEveryWakeUpOfAConnectionAndEndsWhenItCloses() throws Exception {
        var session = new RecordingSession();
        var outbox = new SessionOutbox(session, 60_000, 1 << 20, o -> { });
        for (int i = 0; i < 200; i++) {
            outbox.send(("frame " + i).getBytes(StandardCharsets.UTF_8));
            int written = i + 1;
            // each frame waits until the previous one is written: every send finds the writer idle
            await(() -> session.frames.size() == written, "frame " + i + " written");
        }
        assertThat(session.frames).first().isEqualTo("frame 0");
        assertThat(session.frames).last().isEqualTo("frame 199");
        assertThat(session.writers).as("threads that wrote the 200 frames").hasSize(1);
        Thread writer = session.writers.iterator().next();
        assertThat(writer.isVirtual()).isTrue();

        outbox.closed();
        writer.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(writer.isAlive()).as("the writer of a closed connection has ended").isFalse();
    }

    @Test
    void aCloseQueuedBehindFramesWritesThemThenClosesAndEndsTheWriter() throws Exception {
        var session = new RecordingSession();
        var outbox = new SessionOutbox(session, 60_000, 1 << 20, o -> { });
        for (int i = 0; i < 3; i++) outbox.send(("frame " + i).getBytes(StandardCharsets.UTF_8));
        outbox.close(CloseStatus.POLICY_VIOLATION);
        await(() -> session.closedWith != null, "the session closed");
        assertThat(session.frames).containsExactly("frame 0", "frame 1", "frame 2");
        assertThat(session.closedWith).isEqualTo(CloseStatus.POLICY_VIOLATION);
        Thread writer = session.writers.iterator().next();
        writer.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(writer.isAlive()).isFalse();
        outbox.send("after the close".getBytes(StandardCharsets.UTF_8));
        assertThat(session.frames).hasSize(3);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for: " + what).isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    /** Records what the outbox writes and on which thread; not a container session, so no batching or raw bytes. */
    private static final class RecordingSession implements WebSocketSession {
        final List<String> frames = new CopyOnWriteArrayList<>();
        final Set<Thread> writers = ConcurrentHashMap.newKeySet();
        volatile CloseStatus closedWith;

        @Override
        public void sendMessage(WebSocketMessage<?> message) {
            writers.add(Thread.currentThread());
            frames.add(((TextMessage) message).getPayload());
        }

        @Override
        public void close(CloseStatus status) {
            writers.add(Thread.currentThread());
            closedWith = status;
        }

        @Override
        public void close() {
            close(CloseStatus.NORMAL);
        }

        @Override
        public boolean isOpen() {
            return closedWith == null;
        }

        @Override
        public String getId() {
            return "s1";
        }

        @Override
        public URI getUri() {
            return null;
        }

        @Override
        public HttpHeaders getHandshakeHeaders() {
            return new HttpHeaders();
        }

        @Override
        public Map<String, Object> getAttributes() {
            return new ConcurrentHashMap<>();
        }

        @Override
        public Principal getPrincipal() {
            return null;
        }

        @Override
        public InetSocketAddress getLocalAddress() {
            return null;
        }

        @Override
        public InetSocketAddress getRemoteAddress() {
            return null;
        }

        @Override
        public String getAcceptedProtocol() {
            return "v12.stomp";
        }

        @Override
        public void setTextMessageSizeLimit(int messageSizeLimit) {
        }

        @Override
        public int getTextMessageSizeLimit() {
            return 1024;
        }

        @Override
        public void setBinaryMessageSizeLimit(int messageSizeLimit) {
        }

        @Override
        public int getBinaryMessageSizeLimit() {
            return 1024;
        }

        @Override
        public List<WebSocketExtension> getExtensions() {
            return List.of();
        }
    }
}
