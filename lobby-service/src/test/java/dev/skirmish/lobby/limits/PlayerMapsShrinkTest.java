package dev.skirmish.lobby.limits;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.skirmish.lobby.chat.RateLimiter;
import dev.skirmish.lobby.players.PresenceRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attack: memory growth from players who come once and go (a guest per request): every map keyed by player or address
 * must shrink again once they are gone. (The STOMP connection count is shown shrinking in
 * {@link WebSocketConnectionFloodTest}; seats and sessions of STOMP were already removed on leave and disconnect.)
 */
class PlayerMapsShrinkTest {

    @Test
    void chatRateBucketsOfPlayersWhoStoppedChattingAreDropped() {
        var now = new AtomicLong(1_000_000_000L);
        var limiter = new RateLimiter(5, 10, now::get);
        for (int i = 0; i < 1000; i++) limiter.tryAcquire("player-" + i);
        assertThat(limiter.size()).isEqualTo(1000);
        now.addAndGet(Duration.ofSeconds(3).toNanos()); // 10 tokens at 5/s: full again after 2 s
        assertThat(limiter.size()).isZero();
        assertThat(limiter.tryAcquire("player-1")).isTrue();
    }

    @Test
    void rateLimitBucketsOfIdleAddressesAndPlayersAreDropped() {
        var nanos = new AtomicLong();
        var props = new LimitProperties(20, Duration.ofMinutes(10), 10, Duration.ofMinutes(10), 20, Duration.ofMinutes(1), 4, 1, 100_000,
                org.springframework.util.unit.DataSize.ofKilobytes(64), 8192, 32, Duration.ofSeconds(300),
                10, Duration.ofMinutes(10), 10, Duration.ofMinutes(10), Duration.ofSeconds(60));
        var limits = new AbuseLimits(props, (Ticker) nanos::get);
        for (int i = 0; i < 500; i++) {
            limits.guestSignUp("10.0." + (i / 250) + "." + (i % 250));
            limits.roomCreated("player-" + i);
            limits.joinAttempt("player-" + i);
        }
        assertThat(limits.trackedKeys()).isEqualTo(1500);
        nanos.addAndGet(Duration.ofMinutes(11).toNanos()); // past the longest period (10 min): every bucket is full again
        assertThat(limits.trackedKeys()).isZero();
    }

    @Test
    void lastSeenTimesOfPlayersWhoLeftAreForgottenButSeatedPlayersAreKept() {
        var time = new AtomicReference<>(Instant.parse("2026-12-01T10:00:00Z"));
        var clock = new Clock() {
            @Override
            public ZoneOffset getZone() { return ZoneOffset.UTC; }

            @Override
            public Clock withZone(java.time.ZoneId zone) { return this; }

            @Override
            public Instant instant() { return time.get(); }
        };
        // one node: no shared presence, so no renewal timer either
        var presence = new PresenceRegistry(clock, new org.springframework.beans.factory.support.StaticListableBeanFactory()
                .getBeanProvider(dev.skirmish.lobby.players.SharedPresence.class), null);
        for (int i = 0; i < 1000; i++) presence.touch("guest-" + i);
        time.set(time.get().plus(Duration.ofMinutes(3)));
        presence.touch("fresh");
        int left = presence.forgetIdle(time.get().minus(Duration.ofMinutes(2)), id -> id.equals("guest-7"));
        assertThat(left).as("the seated guest-7 and the fresh player remain").isEqualTo(2);
        assertThat(presence.lastSeen("guest-7")).isNotNull();
        assertThat(presence.lastSeen("guest-8")).isNull();
    }
}
