package dev.skirmish.orchestrator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Reads the match hosts' slow-tick traces ({@code -Dskirmish.host.tick-trace=<dir>/trace-%p.csv}, which
 * {@link MatchesPerMachineBenchmark} adds with {@code -Dskirmish.permatch.tick-trace=true}; written by the game
 * server's {@code TickTrace}) for one measured window, and splits the ticks over 2 ms by where their time went:
 * waiting on a run queue (the tick thread preempted in the middle of a tick), a GC that ran during the tick, the
 * tick's own CPU work, or off CPU without being runnable (blocked, a non-GC safepoint, a page fault). Also: the mean
 * and largest number of ticks one wake-up of the tick thread ran back to back (a pass), and how far past its
 * deadline the tick thread's park woke up.
 */
final class TickTraceLog {
    /** All hosts of one step together; counts of slow ticks by cause, means of the slow ticks in microseconds. */
    record Summary(long ticks, int slow, int runQueue, int gc, int cpu, int blocked, double wallUs, double cpuUs,
                   double runQueueUs, double latenessUs, double meanPass, int maxPass, double parkOvershootP50Us,
                   double parkOvershootP99Us) {
        static final Summary NONE = new Summary(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        String markdown() {
            if (ticks == 0) {
                return "–";
            }
            return String.format("%d in %d ticks: run queue %d, GC %d, CPU %d, blocked %d; mean wall %.0f = CPU %.0f"
                            + " + run queue %.0f µs, started %.0f µs late; pass mean %.2f / max %d; park overshoot p50 %.0f / p99 %.0f µs",
                    slow, ticks, runQueue, gc, cpu, blocked, wallUs, cpuUs, runQueueUs, latenessUs, meanPass, maxPass,
                    parkOvershootP50Us, parkOvershootP99Us);
        }
    }

    private TickTraceLog() {
    }

    /** The JVM option that writes each host's trace into {@code dir} (no comma: the setting is comma-separated). */
    static String option(Path dir) {
        return "-Dskirmish.host.tick-trace=" + dir.toAbsolutePath().resolve("trace-%p.csv");
    }

    static Summary summarize(Path dir, Collection<Long> pids, Instant from, Instant to) throws IOException {
        long lo = from.toEpochMilli();
        long hi = to.toEpochMilli();
        long ticks = 0;
        int slow = 0;
        int rq = 0;
        int gc = 0;
        int cpu = 0;
        int blocked = 0;
        double wall = 0;
        double cpuSum = 0;
        double rqSum = 0;
        double late = 0;
        long passes = 0;
        double passTicks = 0;
        int maxPass = 0;
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        for (long pid : pids) {
            Path file = dir.resolve("trace-" + pid + ".csv");
            if (!Files.exists(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file)) {
                String[] f = line.split(",");
                if (f.length < 2 || line.startsWith("#")) {
                    continue;
                }
                long at;
                try {
                    at = Long.parseLong(f[1]);
                } catch (NumberFormatException e) {
                    continue;
                }
                if (at < lo || at > hi) {
                    continue;
                }
                if (f[0].equals("slow") && f.length >= 12) {
                    // slow,epoch_ms,match,lateness_us,wall_us,cpu_us,runqueue_us,slices,gc_count,gc_ms,pass_pos,pass_due
                    long w = Long.parseLong(f[4]);
                    long c = Long.parseLong(f[5]);
                    long q = Long.parseLong(f[6]);
                    slow++;
                    wall += w;
                    cpuSum += c;
                    rqSum += q;
                    late += Long.parseLong(f[3]);
                    if (Long.parseLong(f[8]) > 0) {
                        gc++;
                    } else if (q * 2 >= w) {
                        rq++;
                    } else if (c * 2 >= w) {
                        cpu++;
                    } else {
                        blocked++;
                    }
                } else if (f[0].equals("second") && f.length >= 12) {
                    // second,epoch_ms,ticks,slow,lateness_p99_us,lateness_max_us,park_p50_us,park_p99_us,park_max_us,passes,mean_pass,max_pass
                    ticks += Long.parseLong(f[2]);
                    long n = Long.parseLong(f[9]);
                    passes += n;
                    passTicks += n * Double.parseDouble(f[10]);
                    maxPass = Math.max(maxPass, Integer.parseInt(f[11]));
                    p50.add(Double.parseDouble(f[6]));
                    p99.add(Double.parseDouble(f[7]));
                }
            }
        }
        if (ticks == 0) {
            return Summary.NONE;
        }
        int s = Math.max(1, slow);
        return new Summary(ticks, slow, rq, gc, cpu, blocked, wall / s, cpuSum / s, rqSum / s, late / s,
                passes == 0 ? 0 : passTicks / passes, maxPass, median(p50), median(p99));
    }

    private static double median(List<Double> v) {
        if (v.isEmpty()) {
            return 0;
        }
        List<Double> sorted = v.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
