package dev.skirmish.lobby.ws;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a node groups its publications into bundles. Faults it stops: a node's lines leaving out of order (a room's
 * chat and events seen in another order on another node); a bundle growing past what receivers take (every line of
 * it lost); a quiet node's last lines waiting for a next line that never comes.
 */
class BundlerTest {
    private final List<byte[]> sent = new CopyOnWriteArrayList<>();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private List<String> bodies() throws Bundle.Malformed {
        List<String> out = new ArrayList<>();
        for (byte[] b : sent) for (Bundle.Line l : Bundle.decode(b)) out.add(new String(l.body(), StandardCharsets.UTF_8));
        return out;
    }

    private void awaitSent(int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (sent.size() < n && System.nanoTime() < deadline) Thread.sleep(1);
    }

    /** Waits for {@code n} lines in what was sent, however the sender joined the bundles. */
    private void awaitLines(int n) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (bodies().size() < n && System.nanoTime() < deadline) Thread.sleep(1);
    }

    /**
     * Fault: a publisher held up by RabbitMQ's write (Spring's session waits for each): the sink blocks here; and a
     * sender that writes one frame per closed bundle falling behind.
     */
    @Test
    @org.junit.jupiter.api.Timeout(20)
    void aSlowBrokerWriteHoldsTheSenderNotThePublisher() throws Exception {
        var release = new java.util.concurrent.CountDownLatch(1);
        var writing = new java.util.concurrent.CountDownLatch(1);
        var bundler = new Bundler(Duration.ofSeconds(30), 32768, 1, (b, n) -> {
            writing.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return sent.add(b);
        }, new SimpleMeterRegistry());
        try {
            // each line closes a bundle (1 line each): the first blocks in the sink, the next ones queue behind its write
            assertThat(bundler.add("/topic/lobby/chat", null, utf8("line 0"))).isTrue();
            assertThat(writing.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            for (int i = 1; i < Bundler.QUEUED; i++) assertThat(bundler.add("/topic/lobby/chat", null, utf8("line " + i))).isTrue();
            assertThat(sent).isEmpty();
            release.countDown();
            awaitLines(Bundler.QUEUED);
            assertThat(bodies()).hasSize(Bundler.QUEUED).startsWith("line 0", "line 1").endsWith("line " + (Bundler.QUEUED - 1));
            // fault: one frame, so one wait for the connection's I/O thread, per bundle made the sender fall behind its
            // publishers on a loaded machine (the stalled two-node benchmark run): what closed during the slow write leaves
            // in one frame
            assertThat(sent).as("the first bundle, then the 63 closed during its write joined").hasSize(2);
        } finally {
            release.countDown();
            bundler.shutdown(Duration.ofSeconds(10));
        }
    }

    @Test
    void aFullBundleLeavesAtOnceAndLinesKeepTheirOrderAcrossBundles() throws Exception {
        var bundler = new Bundler(Duration.ofSeconds(30), 32768, 4, (b, n) -> sent.add(b), new SimpleMeterRegistry());
        try {
            for (int i = 0; i < 10; i++) assertThat(bundler.add("/topic/rooms/r" + (i % 3) + "/chat", "application/json", utf8("line " + i))).isTrue();
            awaitLines(8);
            assertThat(bodies()).as("two full bundles of 4, without waiting for the 30 s window").hasSize(8);
            bundler.shutdown(Duration.ofSeconds(10)); // the open bundle leaves now, not after 30 s
            awaitLines(10);
            assertThat(bodies()).containsExactly("line 0", "line 1", "line 2", "line 3", "line 4", "line 5", "line 6", "line 7", "line 8", "line 9");
        } finally {
            bundler.shutdown(Duration.ofSeconds(10));
        }
    }

    @Test
    void aBundleLeavesOnceItHoldsTheByteBound() throws Exception {
        var bundler = new Bundler(Duration.ofSeconds(30), 1024, 1000, (b, n) -> sent.add(b), new SimpleMeterRegistry());
        try {
            for (int i = 0; i < 8; i++) bundler.add("/topic/lobby/chat", null, new byte[300]);
            awaitLines(8);
            // a bundle leaves when it reaches 1 KiB (4 lines here), without waiting for the window; two may leave joined
            assertThat(bodies()).hasSize(8);
            assertThat(sent).hasSizeBetween(1, 2);
            if (sent.size() == 2) for (byte[] b : sent) assertThat(b.length).isLessThan(1024 + 300 + 64);
        } finally {
            bundler.shutdown(Duration.ofSeconds(10));
        }
    }

    @Test
    void theLastLinesLeaveWhenTheWindowEnds() throws Exception {
        var bundler = new Bundler(Duration.ofMillis(2), 32768, 64, (b, n) -> sent.add(b), new SimpleMeterRegistry());
        try {
            bundler.add("/topic/lobby/chat", null, utf8("alone"));
            awaitSent(1);
            assertThat(bodies()).containsExactly("alone");
        } finally {
            bundler.shutdown(Duration.ofSeconds(10));
        }
    }

    /**
     * The sender keeps the window itself (no timer thread: one cross-thread wake-up per bundle fewer). Fault: a window
     * started while the sender waits out another, or sends, is lost and its lines wait for a next line that never comes.
     */
    @Test
    @org.junit.jupiter.api.Timeout(20)
    void everyWindowEndsOnTheSenderWithoutATimerThread() throws Exception {
        var bundler = new Bundler(Duration.ofMillis(5), 32768, 64, (b, n) -> sent.add(b), new SimpleMeterRegistry());
        try {
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                bundler.add("/topic/lobby/chat", null, utf8("line " + i));
                expected.add("line " + i);
                if (i % 3 == 0) awaitLines(i + 1); // now and then the next window starts right after one ended
                else if (i % 3 == 1) Thread.sleep(3);
            }
            awaitLines(30);
            assertThat(bodies()).containsExactlyElementsOf(expected);
            assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName).doesNotContain("bridge-bundle-window");
        } finally {
            bundler.shutdown(Duration.ofSeconds(10));
        }
    }

    /**
     * Fault: a window that ends while the sender is still writing the previous bundle (a loaded machine, a slow broker)
     * is closed without a wait on the queue; the wake-up queued when that window started must not be sent as a bundle
     * (it was: the sender thread died on it and the publishers waited for room in its queue for ever).
     */
    @Test
    @org.junit.jupiter.api.Timeout(20)
    void aWindowThatEndsWhileTheSenderWritesStillLeaves() throws Exception {
        // a write far longer than the window
        var bundler = new Bundler(Duration.ofMillis(1), 32768, 64, slowSink(10), new SimpleMeterRegistry());
        try {
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                bundler.add("/topic/lobby/chat", null, utf8("line " + i));
                expected.add("line " + i);
                Thread.sleep(2);
            }
            awaitLines(40);
            assertThat(bodies()).containsExactlyElementsOf(expected);
        } finally {
            bundler.shutdown(Duration.ofSeconds(10));
        }
    }

    /**
     * Fault: the sender waited for the bundler's lock to close an ended window while a publisher held that lock waiting
     * for room in the sender's full queue: neither moved again.
     */
    @Test
    @org.junit.jupiter.api.Timeout(20)
    void aWindowEndingWhileAPublisherWaitsForRoomDoesNotStallTheSender() throws Exception {
        // slower than the window: windows end while the queue fills
        var bundler = new Bundler(Duration.ofMillis(1), 32768, 2, slowSink(3), new SimpleMeterRegistry());
        try {
            int n = Bundler.QUEUED * 6 + 1;
            for (int i = 0; i < n; i++) bundler.add("/topic/lobby/chat", null, utf8("line " + i));
            awaitLines(n);
            assertThat(bodies()).hasSize(n).startsWith("line 0").endsWith("line " + (n - 1));
            assertThat(bodies().stream().map(l -> Integer.parseInt(l.substring(5))).toList()).isSorted();
        } finally {
            bundler.shutdown(Duration.ofSeconds(10));
        }
    }

    /** Fault: a send that throws ended the one sender thread, and every publisher then waited for room in its queue. */
    @Test
    @org.junit.jupiter.api.Timeout(20)
    void aSendThatThrowsDoesNotEndTheSender() throws Exception {
        var first = new java.util.concurrent.atomic.AtomicBoolean(true);
        var bundler = new Bundler(Duration.ofSeconds(30), 32768, 1, (b, n) -> {
            if (first.getAndSet(false)) throw new IllegalStateException("connection closed under the write");
            return sent.add(b);
        }, new SimpleMeterRegistry());
        try {
            for (int i = 0; i < Bundler.QUEUED * 3; i++) assertThat(bundler.add("/topic/lobby/chat", null, utf8("line " + i))).isTrue();
            // the failed frame (one bundle or several joined) is lost; the lines after it leave, in order
            String last = "line " + (Bundler.QUEUED * 3 - 1);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!bodies().contains(last) && System.nanoTime() < deadline) Thread.sleep(5);
            List<String> got = bodies();
            assertThat(got).as("what the sender sent after the failed frame").isNotEmpty().endsWith(last);
            assertThat(got.stream().map(l -> Integer.parseInt(l.substring(5))).toList()).isSorted();
        } finally {
            bundler.shutdown(Duration.ofSeconds(10));
        }
    }

    @Test
    void aLineNoReceiverWouldTakeIsRefusedAndTheOthersStillLeave() throws Exception {
        var bundler = new Bundler(Duration.ofSeconds(30), 32768, 64, (b, n) -> sent.add(b), new SimpleMeterRegistry());
        bundler.add("/topic/lobby/chat", null, utf8("before"));
        assertThat(bundler.add("/topic/lobby/chat", null, new byte[Bundle.MAX_BODY + 1])).isFalse();
        bundler.add("/topic/lobby/chat", null, utf8("after"));
        bundler.shutdown(Duration.ofSeconds(10));
        assertThat(bodies()).as("stopping sends the open bundle").containsExactly("before", "after");
    }

    /** A broker that takes {@code millis} per bundle, then records it. */
    private Bundler.Sink slowSink(long millis) {
        return (b, n) -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return sent.add(b);
        };
    }

    /**
     * A bundle is sized from the last one, not a fixed 4 KiB array copied to its length: counted with the publishing
     * thread's allocation counter over bundles of ~1 KiB closed on that thread (four lines each).
     */
    @Test
    void aBundleIsSizedFromTheLastOne() throws Exception {
        var bundler = new Bundler(Duration.ofHours(1), 32768, 4, (b, n) -> true, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        byte[] body = new byte[220];
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        try {
            for (int i = 0; i < 4_000; i++) bundler.add("/topic/rooms/r-1/chat", "application/json", body); // the JIT's warm-up
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 400; i++) bundler.add("/topic/rooms/r-1/chat", "application/json", body);
            long perBundle = (threads.getCurrentThreadAllocatedBytes() - before) / 100;
            // ~1 KiB of lines: the bundle's array (a quarter over) and its copy to length, plus the lines' small arrays
            assertThat(perBundle).isLessThan(3_500);
        } finally {
            bundler.shutdown(Duration.ofSeconds(5));
        }
    }
}
