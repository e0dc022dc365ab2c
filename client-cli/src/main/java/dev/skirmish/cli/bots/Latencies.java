package dev.skirmish.cli.bots;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Latency samples per operation (lobby REST calls, match start → connect token), kept exactly so that percentiles
 * are exact; bounded per operation so that a long run cannot grow without limit (later samples then overwrite
 * random earlier ones, keeping a uniform sample of the whole run).
 */
public final class Latencies {
    static final int MAX_SAMPLES = 200_000;

    private final Map<String, Samples> byOperation = new ConcurrentHashMap<>();

    /** Percentiles of one operation, in milliseconds; {@code errors} counts answers ≥ 400 and unreachable. */
    public record Stat(String operation, long count, long errors, double p50, double p90, double p99, double max) {
    }

    public void record(String operation, long nanos, boolean error) {
        byOperation.computeIfAbsent(operation, k -> new Samples()).add(nanos, error);
    }

    public List<Stat> stats() {
        List<Stat> out = new ArrayList<>();
        new TreeMap<>(byOperation).forEach((op, s) -> out.add(s.stat(op)));
        return out;
    }

    /** A fixed-width table, one line per operation; empty when nothing was measured. */
    public String table() {
        List<Stat> stats = stats();
        if (stats.isEmpty()) {
            return "";
        }
        int w = Math.max(9, stats.stream().mapToInt(s -> s.operation().length()).max().orElse(0));
        StringBuilder sb = new StringBuilder(String.format("%-" + w + "s %7s %6s %8s %8s %8s %8s%n",
                "OPERATION", "CALLS", "ERRORS", "P50 ms", "P90 ms", "P99 ms", "MAX ms"));
        for (Stat s : stats) {
            sb.append(String.format("%-" + w + "s %7d %6d %8.1f %8.1f %8.1f %8.1f%n",
                    s.operation(), s.count(), s.errors(), s.p50(), s.p90(), s.p99(), s.max()));
        }
        return sb.toString();
    }

    /** For the JSON report: operation → {count, errors, p50Ms, p90Ms, p99Ms, maxMs}. */
    public Map<String, Object> asMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Stat s : stats()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("count", s.count());
            m.put("errors", s.errors());
            m.put("p50Ms", round(s.p50()));
            m.put("p90Ms", round(s.p90()));
            m.put("p99Ms", round(s.p99()));
            m.put("maxMs", round(s.max()));
            out.put(s.operation(), m);
        }
        return out;
    }

    private static double round(double ms) {
        return Math.round(ms * 100) / 100.0;
    }

    private static final class Samples {
        private long[] values = new long[64];
        private int size;
        private long count;
        private long errors;
        private long max;

        synchronized void add(long nanos, boolean error) {
            count++;
            if (error) {
                errors++;
            }
            max = Math.max(max, nanos);
            if (size < MAX_SAMPLES) {
                if (size == values.length) {
                    values = Arrays.copyOf(values, Math.min(MAX_SAMPLES, size * 2));
                }
                values[size++] = nanos;
            } else {
                // reservoir sampling: every sample of the run has the same chance to be kept
                long slot = java.util.concurrent.ThreadLocalRandom.current().nextLong(count);
                if (slot < MAX_SAMPLES) {
                    values[(int) slot] = nanos;
                }
            }
        }

        synchronized Stat stat(String op) {
            long[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            return new Stat(op, count, errors, ms(percentile(sorted, 0.50)), ms(percentile(sorted, 0.90)),
                    ms(percentile(sorted, 0.99)), ms(max));
        }
    }

    /** Nearest-rank percentile of sorted values (0 when empty). */
    static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }
}
