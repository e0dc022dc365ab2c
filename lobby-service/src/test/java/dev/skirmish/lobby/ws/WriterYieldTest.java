package dev.skirmish.lobby.ws;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The writer's yield before its first write ({@code skirmish.lobby.ws-writer-yield}, on by default) only moves the
 * write later: a frame queued alone is still written, and frames from concurrent publishers all arrive, each
 * publisher's in its order. (Its gain, fewer socket writes per delivery on a busy lobby, is a benchmark figure:
 * docs/benchmarks.md, issue 19.)
 */
class WriterYieldTest {
    @Test
    void aFrameQueuedAloneIsWrittenAfterTheYield() throws Exception {
        var session = new RecordingSession();
        var outbox = new SessionOutbox(session, 60_000, 1 << 20, true, o -> { });
        outbox.send("only".getBytes(StandardCharsets.UTF_8));
        awaitFrames(session, 1);
        assertThat(session.frames).containsExactly("only");
    }

    @Test
    void concurrentPublishersLoseNothingAndKeepTheirOrder() throws Exception {
        var session = new RecordingSession();
        var outbox = new SessionOutbox(session, 60_000, 64 << 20, true, o -> { });
        int publishers = 4, each = 2_000;
        var start = new CountDownLatch(1);
        var threads = new ArrayList<Thread>();
        for (int p = 0; p < publishers; p++) {
            int id = p;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) outbox.send((id + ":" + i).getBytes(StandardCharsets.UTF_8));
            }));
        }
        start.countDown();
        for (var t : threads) t.join();
        awaitFrames(session, publishers * each);
        for (int p = 0; p < publishers; p++) {
            String prefix = p + ":";
            List<String> mine = session.frames.stream().filter(f -> f.startsWith(prefix)).toList();
            assertThat(mine).hasSize(each);
            for (int i = 0; i < each; i++) assertThat(mine.get(i)).isEqualTo(prefix + i);
        }
    }

    private static void awaitFrames(RecordingSession session, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (session.frames.size() < n && System.nanoTime() < deadline) Thread.sleep(5);
    }
}
