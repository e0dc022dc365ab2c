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
    private final Cache<String, Bucket> buckets;

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
        /*
         * The bucket is found without a lock (Caffeine's read path) and updated under its own monitor; a compute() on
         * the map per line locked the map's bin and ran Caffeine's write path every time (a warm profile's 20 samples
         * per 490 inbound ones). A bucket evicted between the look-up and the update had been idle until full, so the
         * fresh one a racing caller may create holds what the evicted one would have: no token is gained.
         */
        Bucket b = buckets.get(key, k -> new Bucket(burst, nanoClock.getAsLong()));
        long now = nanoClock.getAsLong();
        synchronized (b) {
            b.tokens = Math.min(burst, b.tokens + Math.max(0, now - b.lastRefillNanos) * ratePerNano);
            b.lastRefillNanos = Math.max(now, b.lastRefillNanos);
            if (b.tokens < 1) return false;
            b.tokens -= 1;
            return true;
        }
    }

    /**
     * Gives back the token {@link #tryAcquire} took for a line that another check refused after all (the cluster's
     * shared bucket), never above the burst: this bucket then counts only lines that were sent. A bucket already
     * dropped was full again and gets nothing.
     */
    public void refund(String key) {
        Bucket b = buckets.getIfPresent(key);
        if (b == null) return;
        synchronized (b) {
            b.tokens = Math.min(burst, b.tokens + 1);
        }
    }

    private static final class Bucket {
        double tokens;
        long lastRefillNanos;

        Bucket(double tokens, long lastRefillNanos) {
            this.tokens = tokens;
            this.lastRefillNanos = lastRefillNanos;
        }
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
