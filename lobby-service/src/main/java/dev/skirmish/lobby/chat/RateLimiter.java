package dev.skirmish.lobby.chat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.function.LongSupplier;

/**
 * Token bucket per key: {@code ratePerSecond} sustained, {@code burst} at once. A key's bucket is dropped once it has
 * been idle long enough to be full again ({@code burst / ratePerSecond}), so the map holds only players who chatted
 * in the last few seconds, and forgetting one gives it nothing it would not have had anyway.
 */
public final class RateLimiter {
    private final double ratePerNano;
    private final double burst;
    private final LongSupplier nanoClock;
    private final Cache<String, double[]> buckets;

    public RateLimiter(double ratePerSecond, int burst, LongSupplier nanoClock) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.nanoClock = nanoClock;
        long refillNanos = (long) Math.ceil(burst / ratePerNano);
        this.buckets = Caffeine.newBuilder().expireAfterAccess(java.time.Duration.ofNanos(Math.max(1, refillNanos)))
                .ticker(nanoClock::getAsLong).executor(Runnable::run).build();
    }

    /** Takes one token for {@code key}; false when the bucket is empty. */
    public boolean tryAcquire(String key) {
        long now = nanoClock.getAsLong();
        boolean[] ok = new boolean[1];
        // bucket = {tokens, lastRefillNanos}; compute() keeps each key's update atomic
        buckets.asMap().compute(key, (k, b) -> {
            if (b == null) b = new double[] {burst, now};
            b[0] = Math.min(burst, b[0] + (now - (long) b[1]) * ratePerNano);
            b[1] = now;
            if (b[0] >= 1) {
                b[0] -= 1;
                ok[0] = true;
            }
            return b;
        });
        return ok[0];
    }

    public void forget(String key) {
        buckets.invalidate(key);
    }

    /** Keys with a bucket right now, idle ones dropped first. */
    public long size() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }
}
