package dev.skirmish.lobby.chat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** Token bucket per key: {@code ratePerSecond} sustained, {@code burst} at once. */
public final class RateLimiter {
    private final double ratePerNano;
    private final double burst;
    private final LongSupplier nanoClock;
    private final Map<String, double[]> buckets = new ConcurrentHashMap<>();

    public RateLimiter(double ratePerSecond, int burst, LongSupplier nanoClock) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.nanoClock = nanoClock;
    }

    /** Takes one token for {@code key}; false when the bucket is empty. */
    public boolean tryAcquire(String key) {
        long now = nanoClock.getAsLong();
        boolean[] ok = new boolean[1];
        // bucket = {tokens, lastRefillNanos}; compute() keeps each key's update atomic
        buckets.compute(key, (k, b) -> {
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
        buckets.remove(key);
    }
}
