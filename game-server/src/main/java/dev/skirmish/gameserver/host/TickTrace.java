package dev.skirmish.gameserver.host;

import dev.skirmish.gameserver.tick.TickHistogram;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;

/**
 * A benchmark's diagnosis of a match host's late ticks, off unless {@code -Dskirmish.host.tick-trace=FILE} is set
 * ({@code %p} in FILE: the pid). For every tick whose wall time passes the threshold
 * ({@code -Dskirmish.host.tick-trace.threshold-us}, 2000) it writes where the time went: how late the tick started,
 * the tick thread's CPU time, its wait on a run queue ({@code /proc/thread-self/schedstat}), GC collections that
 * ran meanwhile, and its place in the scheduler's pass. For every tick that started that late it writes what happened
 * in the park before its pass (a missed tick is a late start, not a long tick): how late the park ended, the tick
 * thread's wait on a run queue after it and the GCs during it. Once a second it writes every thread's run-queue wait and
 * the tick thread's park overshoot and pass sizes. Diagnostics only: it reads a /proc file twice per tick, which is
 * why it is not always on. The tick's own measurement ({@code TickStatistics}) is not touched by it.
 */
final class TickTrace {
    private static final long PERIOD_NANOS = 1_000_000_000L;

    private final BufferedWriter out;
    private final long thresholdNanos;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final List<GarbageCollectorMXBean> gcs = ManagementFactory.getGarbageCollectorMXBeans();
    private final FileChannel schedstat;
    private final ByteBuffer buf = ByteBuffer.allocate(128);
    private final TickHistogram overshoot = new TickHistogram();
    private final TickHistogram lateness = new TickHistogram();
    private long nextSummary = System.nanoTime() + PERIOD_NANOS;
    private long ticks;
    private long slow;
    private int maxPass;
    private long passes;
    private long passTicks;
    // the tick under way
    private long startNanos;
    private long startCpu;
    private long startRunQueue;
    private long startSlices;
    private long startGcCount;
    private long startGcMillis;
    // the park before the pass under way: how late it woke, its wait on a run queue and GCs from its start to the wake-up
    private long parkRunQueue;
    private long parkGcCount;
    private long parkGcMillis;
    private long wokeOvershoot;
    private long wokeRunQueue;
    private long wokeGcCount;
    private long wokeGcMillis;

    private TickTrace(Path file, long thresholdNanos) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
        this.thresholdNanos = thresholdNanos;
        this.schedstat = FileChannel.open(Path.of("/proc/thread-self/schedstat"), StandardOpenOption.READ);
        out.write("# slow: epoch_ms,match,lateness_us,wall_us,cpu_us,runqueue_us,slices,gc_count,gc_ms,pass_pos,pass_due\n");
        out.write("# late: epoch_ms,match,lateness_us,wall_us,park_overshoot_us,park_runqueue_us,park_gc_count,park_gc_ms,"
                + "pass_pos,pass_due\n");
        out.write("# second: epoch_ms,ticks,slow,lateness_p99_us,lateness_max_us,park_overshoot_p50_us,p99_us,max_us,"
                + "passes,mean_pass,max_pass\n");
        out.write("# threads: epoch_ms,[tid:name:cpu_ms:runqueue_ms:slices]...\n");
    }

    /** The trace for the calling (tick) thread, or null when the property is not set or the file cannot be made. */
    static TickTrace fromSystemProperties() {
        String file = System.getProperty("skirmish.host.tick-trace");
        if (file == null || file.isBlank()) {
            return null;
        }
        long threshold = Long.getLong("skirmish.host.tick-trace.threshold-us", 2000) * 1000;
        try {
            return new TickTrace(Path.of(file.replace("%p", Long.toString(ProcessHandle.current().pid()))), threshold);
        } catch (IOException | UnsupportedOperationException e) {
            System.err.println("tick trace off: " + e);
            return null;
        }
    }

    /** The scheduler is about to park until its next tick is due. */
    void parking() {
        readSchedstat();
        parkRunQueue = field1;
        parkGcCount = gcCount();
        parkGcMillis = gcMillis();
    }

    /** The scheduler woke up {@code overshootNanos} after the time it parked for (negative: woken early). */
    void woke(long overshootNanos) {
        if (overshootNanos >= 0) {
            overshoot.record(overshootNanos);
        }
        // a tick that starts a whole period late (a missed one) is short itself: its cause is before it, in the park
        readSchedstat();
        wokeOvershoot = overshootNanos;
        wokeRunQueue = field1 - parkRunQueue;
        wokeGcCount = gcCount() - parkGcCount;
        wokeGcMillis = gcMillis() - parkGcMillis;
    }

    void beforeTick(long nowNanos) {
        startNanos = nowNanos;
        startCpu = threads.getCurrentThreadCpuTime();
        readSchedstat();
        startRunQueue = field1;
        startSlices = field2;
        startGcCount = gcCount();
        startGcMillis = gcMillis();
    }

    /** {@code due}: when the tick was due; {@code passPos}/{@code passDue}: ticks before it in this pass / due in it. */
    void afterTick(String match, long dueNanos, int passPos, int passDue) {
        long end = System.nanoTime();
        long wall = end - startNanos;
        long late = startNanos - dueNanos;
        ticks++;
        lateness.record(late);
        if (wall >= thresholdNanos) {
            slow++;
            long cpu = threads.getCurrentThreadCpuTime() - startCpu;
            readSchedstat();
            write(String.format(Locale.ROOT, "slow,%d,%s,%d,%d,%d,%d,%d,%d,%d,%d,%d%n", uptime(), match, late / 1000,
                    wall / 1000, cpu / 1000, (field1 - startRunQueue) / 1000, field2 - startSlices,
                    gcCount() - startGcCount, gcMillis() - startGcMillis, passPos, passDue));
        }
        if (late >= thresholdNanos) {
            write(String.format(Locale.ROOT, "late,%d,%s,%d,%d,%d,%d,%d,%d,%d,%d%n", uptime(), match, late / 1000, wall / 1000,
                    wokeOvershoot / 1000, wokeRunQueue / 1000, wokeGcCount, wokeGcMillis, passPos, passDue));
        }
    }

    void passEnded(int ticked) {
        wokeOvershoot = -1; // the next pass may start without a park: -1 in its late records
        wokeRunQueue = 0;
        wokeGcCount = 0;
        wokeGcMillis = 0;
        if (ticked == 0) {
            return;
        }
        passes++;
        passTicks += ticked;
        maxPass = Math.max(maxPass, ticked);
        long now = System.nanoTime();
        if (now >= nextSummary) {
            nextSummary = now + PERIOD_NANOS;
            summary();
        }
    }

    private void summary() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "second,%d,%d,%d,%.0f,%.0f,%.0f,%.0f,%.0f,%d,%.2f,%d%n",
                uptime(), ticks, slow, lateness.percentileMs(0.99) * 1000, lateness.maxMs() * 1000,
                overshoot.percentileMs(0.5) * 1000, overshoot.percentileMs(0.99) * 1000, overshoot.maxMs() * 1000,
                passes, passes == 0 ? 0.0 : (double) passTicks / passes, maxPass));
        sb.append("threads,").append(uptime());
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path t : tasks) {
                String name = Files.readString(t.resolve("comm")).strip().replace(',', '_').replace(':', '_');
                String[] f = Files.readString(t.resolve("schedstat")).strip().split(" ");
                sb.append(',').append(t.getFileName()).append(':').append(name).append(':')
                        .append(Long.parseLong(f[0]) / 1_000_000).append(':').append(Long.parseLong(f[1]) / 1_000_000)
                        .append(':').append(f[2]);
            }
        } catch (IOException | RuntimeException e) {
            sb.append(",error:").append(e);
        }
        sb.append('\n');
        write(sb.toString());
        try {
            out.flush();
        } catch (IOException ignored) {
            // a diagnostic: the host goes on without it
        }
        ticks = 0;
        slow = 0;
        passes = 0;
        passTicks = 0;
        maxPass = 0;
        lateness.reset();
        overshoot.reset();
    }

    private void write(String s) {
        try {
            out.write(s);
        } catch (IOException ignored) {
            // a diagnostic: the host goes on without it
        }
    }

    private long field1;
    private long field2;

    /** schedstat: ns on a CPU, ns waiting on a run queue, time slices run; fields 2 and 3 into field1/field2. */
    private void readSchedstat() {
        try {
            buf.clear();
            int n = schedstat.read(buf, 0);
            int i = 0;
            long[] v = new long[3];
            for (int f = 0; f < 3 && i < n; f++) {
                long x = 0;
                for (byte b; i < n && (b = buf.get(i)) >= '0' && b <= '9'; i++) {
                    x = x * 10 + (b - '0');
                }
                v[f] = x;
                i++;
            }
            field1 = v[1];
            field2 = v[2];
        } catch (IOException e) {
            field1 = 0;
            field2 = 0;
        }
    }

    private long gcCount() {
        long c = 0;
        for (GarbageCollectorMXBean g : gcs) {
            c += Math.max(0, g.getCollectionCount());
        }
        return c;
    }

    private long gcMillis() {
        long c = 0;
        for (GarbageCollectorMXBean g : gcs) {
            c += Math.max(0, g.getCollectionTime());
        }
        return c;
    }

    /** Wall-clock milliseconds, so a harness can cut out its measured window. */
    private static long uptime() {
        return System.currentTimeMillis();
    }

    void close() {
        try {
            out.close();
            schedstat.close();
        } catch (IOException ignored) {
            // a diagnostic
        }
    }
}
