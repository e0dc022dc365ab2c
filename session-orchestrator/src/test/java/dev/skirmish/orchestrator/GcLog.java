package dev.skirmish.orchestrator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the game servers' GC logs ({@code -Xlog:gc:file=<dir>/gc-%p.log:time}, which {@link MatchesPerMachineBenchmark}
 * adds to their JVM options) for one measured window: the stop-the-world pauses (a pause stops every match of its
 * process, so it is what misses the tick bar in a match host), the allocation rate (what the heap grew by between
 * collections) and how fast the heap left after each collection grows (objects promoted that live on). Lines look
 * like {@code [2026-12-05T04:40:01.123+0000] GC(12) Pause Young (Allocation Failure) 173M->108M(247M) 30.259ms};
 * concurrent collectors' phases without "Pause" are not pauses and are skipped.
 */
final class GcLog {
    static final String OPTION_PREFIX = "-Xlog:gc:file=";
    private static final Pattern LINE = Pattern.compile(
            "^\\[([^\\]]+)\\].*?\\bPause\\b.*?(\\d+)M->(\\d+)M\\(\\d+M\\) ([0-9.]+)ms");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    /** All processes of one step together. */
    record Summary(int pauses, double pauseMsP99, double pauseMsMax, double allocatedMbPerSecond,
                   double heapAfterGcGrowthMbPerSecond) {
        static final Summary NONE = new Summary(0, 0, 0, Double.NaN, Double.NaN);
    }

    private record Pause(Instant at, long beforeMb, long afterMb, double ms) {
    }

    private GcLog() {
    }

    /**
     * The game-server JVM options the orchestrator chooses by default for a match of {@code players} (or for a match
     * host), from its settings' {@code @DefaultValue}s bound as Spring does.
     */
    static List<String> defaultJvmOptions(int players, boolean host) {
        var props = org.springframework.boot.context.properties.bind.Binder.get(
                        new org.springframework.core.env.StandardEnvironment())
                .bindOrCreate("skirmish.orchestrator", dev.skirmish.orchestrator.config.OrchestratorProperties.class);
        return host ? dev.skirmish.orchestrator.launch.GameServerJvmOptions.forHost(props)
                : dev.skirmish.orchestrator.launch.GameServerJvmOptions.forPlayers(props, players);
    }

    /** The JVM option that writes the log of each process into {@code dir} (no comma: the setting is comma-separated). */
    static String option(Path dir) {
        return OPTION_PREFIX + dir.toAbsolutePath().resolve("gc-%p.log") + ":time";
    }

    static Summary summarize(Path dir, Collection<Long> pids, Instant from, Instant to) throws IOException {
        List<Double> pauseMs = new ArrayList<>();
        double allocatedMb = 0;
        double growthMbPerSecond = 0;
        boolean any = false;
        for (long pid : pids) {
            Path log = dir.resolve("gc-" + pid + ".log");
            if (!Files.isRegularFile(log)) {
                continue;
            }
            any = true;
            List<Pause> pauses = new ArrayList<>();
            Pause before = null;
            for (String line : Files.readAllLines(log)) {
                Matcher m = LINE.matcher(line);
                if (!m.find()) {
                    continue;
                }
                Pause p = new Pause(OffsetDateTime.parse(m.group(1), TIME).toInstant(), Long.parseLong(m.group(2)),
                        Long.parseLong(m.group(3)), Double.parseDouble(m.group(4)));
                if (p.at().isBefore(from)) {
                    before = p;
                } else if (!p.at().isAfter(to)) {
                    pauses.add(p);
                }
            }
            Pause previous = before;
            for (Pause p : pauses) {
                pauseMs.add(p.ms());
                if (previous != null) {
                    allocatedMb += Math.max(0, p.beforeMb() - previous.afterMb());
                }
                previous = p;
            }
            if (pauses.size() >= 2) {
                Pause first = pauses.getFirst();
                Pause last = pauses.getLast();
                double s = (last.at().toEpochMilli() - first.at().toEpochMilli()) / 1000.0;
                if (s > 0) {
                    growthMbPerSecond += (last.afterMb() - first.afterMb()) / s;
                }
            }
        }
        if (!any) {
            return Summary.NONE;
        }
        double[] sorted = pauseMs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double seconds = Math.max(0.001, (to.toEpochMilli() - from.toEpochMilli()) / 1000.0);
        return new Summary(sorted.length, percentile(sorted, 99), sorted.length == 0 ? 0 : sorted[sorted.length - 1],
                allocatedMb / seconds, growthMbPerSecond);
    }

    private static double percentile(double[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(idx, sorted.length - 1))];
    }
}
