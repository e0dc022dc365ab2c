package dev.skirmish.lobby.ws;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * What {@link Bundler} costs the node per bundle at one node's share of the two-node goal run (1,250 lines/s
 * published, a 2 ms window): {@code publishers} virtual threads (as the lobby's carriers publish) add chat lines of
 * {@code bytes} at random moments, the sink takes each bundle and does nothing, so what is counted is the bundler's
 * own road: appends under its lock, the window, the hand-off to the sender and the wake-ups between threads. Reports
 * the process's CPU per bundle and per line (every thread) and its context switches per bundle (voluntary and
 * involuntary, from /proc), far less dependent on the machine's load than wall time, after a warm-up. Not a test (no
 * assertion, not run by surefire). An A/B of two builds: put the other build's classes first on the class path
 * (docs/benchmarks.md, issue 15). Run it with bench/run-main.sh:
 * {@code bench/run-main.sh dev.skirmish.lobby.ws.BundlerWakeBench 20 1250 4 300}
 */
public final class BundlerWakeBench {
    private BundlerWakeBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int linesPerSecond = args.length > 1 ? Integer.parseInt(args[1]) : 1250;
        int publishers = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int bytes = args.length > 3 ? Integer.parseInt(args[3]) : 300;
        var bundles = new AtomicLong();
        var lines = new AtomicLong();
        var bundler = new Bundler(Duration.ofMillis(2), 256 * 1024, 256, (b, n) -> {
            bundles.incrementAndGet();
            lines.addAndGet(n);
            return true;
        }, new SimpleMeterRegistry());
        byte[] body = "x".repeat(bytes).getBytes(StandardCharsets.UTF_8);
        long meanGapNanos = TimeUnit.SECONDS.toNanos(1) * publishers / linesPerSecond;
        var stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread[] threads = new Thread[publishers];
        for (int p = 0; p < publishers; p++) {
            String dest = "/topic/rooms/r" + p + "/chat";
            threads[p] = Thread.ofVirtual().start(() -> {
                while (!stop.get()) {
                    // exponential gaps: lines arrive as a room's players type, not on a clock
                    long gap = (long) (-Math.log(1 - ThreadLocalRandom.current().nextDouble()) * meanGapNanos);
                    LockSupport.parkNanos(gap);
                    bundler.add(dest, "application/json", body);
                }
            });
        }
        Thread.sleep(5_000); // warm-up: the JIT compiles the road
        long cpu0 = processCpuNanos();
        long[] cs0 = contextSwitches();
        long b0 = bundles.get();
        long l0 = lines.get();
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        long cpu = processCpuNanos() - cpu0;
        long[] cs = contextSwitches();
        long nb = bundles.get() - b0;
        long nl = lines.get() - l0;
        stop.set(true);
        for (Thread t : threads) t.join();
        bundler.shutdown(Duration.ofSeconds(2));
        System.out.printf("bundles %d (%.0f/s), lines %d (%.0f/s, %.2f per bundle)%n", nb, nb / (double) seconds, nl, nl / (double) seconds, nl / (double) nb);
        System.out.printf("process CPU %.1f us per bundle, %.2f us per line; context switches per bundle: %.2f voluntary, %.2f involuntary%n",
                cpu / 1e3 / nb, cpu / 1e3 / nl, (cs[0] - cs0[0]) / (double) nb, (cs[1] - cs0[1]) / (double) nb);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Voluntary and involuntary context switches summed over the process's threads (Linux /proc). */
    private static long[] contextSwitches() throws Exception {
        long voluntary = 0;
        long involuntary = 0;
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:")) voluntary += Long.parseLong(line.substring(24).trim());
                        else if (line.startsWith("nonvoluntary_ctxt_switches:")) involuntary += Long.parseLong(line.substring(27).trim());
                    }
                } catch (java.io.IOException gone) {
                    // a thread that ended meanwhile
                }
            }
        }
        return new long[] {voluntary, involuntary};
    }
}
