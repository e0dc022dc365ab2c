package dev.skirmish.lobby.chat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RateLimiter limiter = new RateLimiter(5, 10, now::get);

    @Test
    void burstOfTenThenFivePerSecond() {
        for (int i = 0; i < 10; i++) assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isFalse();
        assertThat(limiter.tryAcquire("b")).as("other players have their own bucket").isTrue();
        now.addAndGet(200_000_000L); // 0.2 s refills one token at 5/s
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isFalse();
        now.addAndGet(60_000_000_000L); // a long pause refills no more than the burst
        int accepted = 0;
        while (limiter.tryAcquire("a")) accepted++;
        assertThat(accepted).isEqualTo(10);
    }

    /** The token of a line another check refused comes back, never above the burst. */
    @Test
    void aRefundGivesBackOneTokenUpToTheBurst() {
        for (int i = 0; i < 10; i++) assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isFalse();
        limiter.refund("a");
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isFalse();
        assertThat(limiter.tryAcquire("b")).isTrue();
        for (int i = 0; i < 5; i++) limiter.refund("b");
        int accepted = 0;
        while (limiter.tryAcquire("b")) accepted++;
        assertThat(accepted).as("b had 9 left: refunds fill it to 10, no further").isEqualTo(10);
    }

    /**
     * Attack: a player sends from several connections at once (each connection's frames run on their own thread) to
     * get more than its burst. The bucket is found without a lock, so its update must still be one at a time: the
     * same player's lines from 8 threads get exactly the burst between them, never more (a large burst and no refill
     * here, so that the threads overlap for long).
     */
    @Test
    void linesFromManyThreadsAtOnceGetNoMoreThanTheBurst() throws Exception {
        var fixed = new RateLimiter(0.001, 20_000, () -> 1_000_000_000L);
        for (int round = 0; round < 5; round++) {
            String player = "p" + round;
            var accepted = new java.util.concurrent.atomic.AtomicInteger();
            var start = new java.util.concurrent.CountDownLatch(1);
            try (var threads = java.util.concurrent.Executors.newFixedThreadPool(8)) {
                for (int t = 0; t < 8; t++) {
                    threads.submit(() -> {
                        start.await();
                        for (int i = 0; i < 5_000; i++) if (fixed.tryAcquire(player)) accepted.incrementAndGet();
                        return null;
                    });
                }
                start.countDown();
            }
            assertThat(accepted.get()).as("round %d", round).isEqualTo(20_000);
        }
    }
}
