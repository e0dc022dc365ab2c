package dev.skirmish.protocol.session;

/**
 * Server side, per player: how many ticks each reliable event took from the tick it happened to the tick the
 * client's ack of it arrived (delivery plus the ack's way back: what loss and latency cost reliable events). A
 * histogram of whole ticks, the last bucket holding everything longer; memory is fixed whatever the client does.
 * Tick thread only.
 */
public final class EventAckTimes {
    /** Events remembered for timing: the outbox keeps at most this many unacknowledged anyway. */
    static final int WINDOW = 1024;
    /** Histogram buckets: 0..1022 ticks, then "1023 or more" (17 s at 60 Hz). */
    static final int BUCKETS = 1024;

    private final long[] sequences = new long[WINDOW];
    private final int[] ticks = new int[WINDOW];
    private final long[] histogram = new long[BUCKETS];
    private long acked;
    private long newest;
    private long count;

    void added(long sequence, int tick) {
        int slot = (int) (sequence % WINDOW);
        sequences[slot] = sequence;
        ticks[slot] = tick;
        newest = Math.max(newest, sequence);
    }

    void acknowledged(long ack, int tick) {
        if (ack <= acked || ack > newest) {
            return; // nothing new, or an ack from the future (the outbox ignores those too)
        }
        for (long seq = Math.max(acked + 1, ack - WINDOW + 1); seq <= ack; seq++) {
            int slot = (int) (seq % WINDOW);
            if (sequences[slot] == seq) {
                histogram[Math.min(BUCKETS - 1, Math.max(0, tick - ticks[slot]))]++;
                count++;
            }
        }
        acked = ack;
    }

    /** Adds this player's histogram into {@code into} (length {@link #buckets()}). */
    public void addTo(long[] into) {
        for (int i = 0; i < BUCKETS; i++) {
            into[i] += histogram[i];
        }
    }

    /** Forgets the timings so far (after a benchmark's warm-up); events in flight are still timed. */
    public void reset() {
        java.util.Arrays.fill(histogram, 0);
        count = 0;
    }

    public long count() {
        return count;
    }

    public static int buckets() {
        return BUCKETS;
    }

    /** The tick count at quantile {@code q} of a histogram, or -1 when it is empty. */
    public static int percentile(long[] histogram, double q) {
        long total = 0;
        for (long n : histogram) {
            total += n;
        }
        if (total == 0) {
            return -1;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < histogram.length; i++) {
            seen += histogram[i];
            if (seen >= rank) {
                return i;
            }
        }
        return histogram.length - 1;
    }
}
