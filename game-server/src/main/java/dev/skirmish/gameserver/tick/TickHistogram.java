package dev.skirmish.gameserver.tick;

/**
 * Durations in 10 µs buckets up to 200 ms (longer ones land in the last bucket; max stays exact). Fixed memory and
 * no allocation per record, so measuring the tick does not disturb it.
 */
public final class TickHistogram {
    private static final long BUCKET_NANOS = 10_000;
    private final long[] buckets = new long[20_000];
    private long count;
    private long maxNanos;

    public void record(long nanos) {
        long n = Math.max(0, nanos);
        int i = (int) Math.min(buckets.length - 1, n / BUCKET_NANOS);
        buckets[i]++;
        count++;
        maxNanos = Math.max(maxNanos, n);
    }

    public long count() {
        return count;
    }

    /** Upper edge of the bucket holding quantile {@code q} (0..1), in milliseconds; 0 when empty. */
    public double percentileMs(double q) {
        if (count == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * count));
        long seen = 0;
        for (int i = 0; i < buckets.length; i++) {
            seen += buckets[i];
            if (seen >= rank) {
                return Math.min((i + 1) * BUCKET_NANOS, maxNanos) / 1e6;
            }
        }
        return maxNanos / 1e6;
    }

    public double maxMs() {
        return maxNanos / 1e6;
    }

    public void reset() {
        java.util.Arrays.fill(buckets, 0);
        count = 0;
        maxNanos = 0;
    }
}
