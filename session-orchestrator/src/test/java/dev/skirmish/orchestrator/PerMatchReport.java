package dev.skirmish.orchestrator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What {@link MatchesPerMachineBenchmark} measured in a step ({@link Step}) and the report of all steps so far:
 * {@code target/benchmark-permatch.md} (the table docs/benchmarks.md quotes) and {@code .json}, rewritten after every
 * step so a run cut short still leaves its finished steps.
 */
final class PerMatchReport {
    /** The bar a step must meet: tick p99 (of the 1 s windows of all servers) at most this, and 0 missed ticks. */
    static final double TICK_P99_BAR_MS = 2.0;

    private PerMatchReport() {
    }

    /** rssMiB and pssMiB: per game-server process (a match host holds several matches); the per-match figures divide. */
    record Step(int n, double[] startMs, List<Double> windowP99s, double maxWindowMs, long missed, double[] rssMiB,
                        double[] pssMiB, double serverCores, double botCores, int players, String loadBefore, String loadAfter,
                        int lostServers, GcLog.Summary gc, MatchBots.Delivery bots, TickTraceLog.Summary trace) {
        int processes() {
            return rssMiB.length;
        }

        double rssPerMatch() {
            return Arrays.stream(rssMiB).sum() / n;
        }

        double pssPerMatch() {
            return Arrays.stream(pssMiB).sum() / n;
        }

        boolean passes() {
            return lostServers == 0 && missed == 0 && pct(windowP99s.stream().mapToDouble(Double::doubleValue).sorted().toArray(), 99) <= TICK_P99_BAR_MS;
        }
    }

    static void write(Path out, List<Step> steps, String jvmOptions, int players, int warmup, int seconds, int perProcess)
            throws java.io.IOException {
        StringBuilder md = new StringBuilder("# Matches per machine\n\n").append(Runtime.getRuntime().availableProcessors())
                .append(" CPUs; ").append(players).append(" players per match, 60 Hz; warm-up ").append(warmup).append(" s, measured ")
                .append(seconds).append(" s per step; game-server JVM options: ")
                .append(jvmOptions.isBlank() ? "the orchestrator's default" : "`" + jvmOptions + "`")
                .append("; matches per process: ").append(perProcess).append("\n\n")
                .append("| N matches | start p50 / p99 / max ms | tick p99 ms (p99 of 1 s windows, all servers) | worst window max ms | missed ticks"
                        + " | processes | RSS per process MiB mean / max | PSS per process mean MiB | RSS / PSS per match MiB"
                        + " | CPU per match % of a core | CPU per player % | servers' CPU cores"
                        + " | bots' cores | bots' inputs sent / due (rounds > 1 tick late, max late ms) | matches lost | GC pauses count / p99 / max ms | allocated MB/s | heap after GC grows MB/s"
                        + " | load before → after | ≤ 2 ms, 0 missed |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        StringBuilder json = new StringBuilder("[\n");
        for (Step s : steps) {
            double[] start = s.startMs().clone();
            Arrays.sort(start);
            double[] win = s.windowP99s().stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double perMatch = s.serverCores() * 100 / s.n();
            GcLog.Summary gc = s.gc();
            MatchBots.Delivery b = s.bots();
            md.append(String.format("| %d | %.0f / %.0f / %.0f | %.2f | %.1f | %d | %d | %.1f / %.1f | %.1f | %.1f / %.1f | %.1f | %.2f | %.2f | %.2f | %.1f %% (%d of %d, max %.1f) | %d | %d / %.1f / %.1f | %.1f | %.2f | %s → %s | %s |%n",
                    s.n(), pct(start, 50), pct(start, 99), start[start.length - 1], pct(win, 99), s.maxWindowMs(), s.missed(),
                    s.processes(), mean(s.rssMiB()), Arrays.stream(s.rssMiB()).max().orElse(0), mean(s.pssMiB()),
                    s.rssPerMatch(), s.pssPerMatch(), perMatch, perMatch / s.players(),
                    s.serverCores(), s.botCores(), b.sentPercent(), b.lateRounds(), b.rounds(), b.maxLateMicros() / 1000.0,
                    s.lostServers(), gc.pauses(), gc.pauseMsP99(), gc.pauseMsMax(),
                    gc.allocatedMbPerSecond(), gc.heapAfterGcGrowthMbPerSecond(), s.loadBefore(), s.loadAfter(),
                    s.passes() ? "yes" : "no"));
            json.append(String.format("  {\"n\":%d,\"start_ms_p50\":%.1f,\"start_ms_p99\":%.1f,\"tick_ms_p99\":%.3f,\"tick_ms_max\":%.2f,"
                            + "\"missed_ticks\":%d,\"processes\":%d,\"rss_mib_mean\":%.1f,\"rss_mib_max\":%.1f,\"pss_mib_mean\":%.1f,"
                            + "\"rss_mib_per_match\":%.1f,\"pss_mib_per_match\":%.1f,\"cpu_percent_per_match\":%.2f,"
                            + "\"cpu_percent_per_player\":%.2f,\"bot_inputs_sent\":%d,\"bot_inputs_due\":%d,\"bot_late_rounds\":%d,\"servers_lost\":%d,\"gc_pauses\":%d,\"gc_pause_ms_p99\":%.2f,"
                            + "\"gc_pause_ms_max\":%.2f,\"allocated_mb_per_s\":%.2f,\"heap_after_gc_growth_mb_per_s\":%.3f,"
                            + "\"load_before\":\"%s\",\"load_after\":\"%s\",\"passes\":%b}%s%n",
                    s.n(), pct(start, 50), pct(start, 99), pct(win, 99), s.maxWindowMs(), s.missed(), s.processes(), mean(s.rssMiB()),
                    Arrays.stream(s.rssMiB()).max().orElse(0), mean(s.pssMiB()), s.rssPerMatch(), s.pssPerMatch(), perMatch, perMatch / s.players(),
                    b.sent(), b.due(), b.lateRounds(), s.lostServers(),
                    gc.pauses(), gc.pauseMsP99(), gc.pauseMsMax(), gc.allocatedMbPerSecond(), gc.heapAfterGcGrowthMbPerSecond(),
                    s.loadBefore(), s.loadAfter(), s.passes(), s == steps.getLast() ? "" : ","));
        }
        if (steps.stream().anyMatch(s -> s.trace().ticks() > 0)) {
            md.append("\nSlow ticks (wall ≥ 2 ms) by cause, from the hosts' tick traces:\n\n");
            for (Step s : steps) md.append("- N = ").append(s.n()).append(": ").append(s.trace().markdown()).append('\n');
        }
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.writeString(out, md);
        Files.writeString(parent.resolve("benchmark-permatch.json"), json.append("]\n"));
    }

    static double mean(double[] a) {
        return Arrays.stream(a).average().orElse(0);
    }

    static double pct(double[] sorted, int p) {
        if (sorted.length == 0) return Double.NaN;
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(idx, sorted.length - 1))];
    }
}
