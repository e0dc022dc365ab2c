package dev.skirmish.lobby.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One limit: a Bucket4j token bucket per key (an address or a player) of {@code capacity} tokens that refills evenly
 * over {@code period}. The buckets live in a Caffeine map bounded in size whose entries go once idle for
 * {@code period}: by then the bucket is full again, so forgetting it gives nobody anything back. Profile
 * {@code cluster}: the same bucket in PostgreSQL ({@link SharedBuckets}) instead, one for all nodes.
 */
final class KeyedBuckets {
    private final String code;
    private final String what;
    private final int capacity;
    private final Duration period;
    private final BucketConfiguration config;
    private final Cache<String, Bucket> buckets;
    private final SharedBuckets shared;

    /** @param shared the cluster's buckets, or null for this node's own map */
    KeyedBuckets(String code, String what, int capacity, Duration period, long maxKeys, Ticker ticker, SharedBuckets shared) {
        if (capacity < 1 || period.isNegative() || period.isZero()) throw new IllegalArgumentException(code + ": capacity and period must be positive");
        this.code = code;
        this.what = what;
        this.capacity = capacity;
        this.period = period;
        this.config = BucketConfiguration.builder().addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build()).build();
        this.shared = shared;
        this.buckets = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterAccess(period).ticker(ticker).build();
    }

    /** Takes one token for {@code key}. @throws TooManyRequests when its bucket is empty */
    void take(String key) {
        ConsumptionProbe probe = shared != null ? shared.take(code, key, config)
                : buckets.get(key, k -> Bucket.builder().addLimit(config.getBandwidths()[0]).build()).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L);
            throw new TooManyRequests(code, "too many " + what + ": at most " + capacity + " per " + human(period)
                    + "; try again in " + Math.max(1, seconds) + " s", seconds);
        }
    }

    /** Keys this node remembers right now (after dropping the idle ones); none when the buckets are shared. */
    long size() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    private static String human(Duration d) {
        if (d.toSeconds() % 3600 == 0) return d.toHours() + " h";
        if (d.toSeconds() % 60 == 0) return d.toMinutes() + " min";
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
