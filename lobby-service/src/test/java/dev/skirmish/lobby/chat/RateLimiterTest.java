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
}
