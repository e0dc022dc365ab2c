package dev.skirmish.gameserver.tick;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * What the tick thread measures about its own ticks: wall-clock and CPU time since the (benchmark's) warm-up, and
 * the wall-clock window of the current heartbeat. The tick thread records; {@link #requestReset()} may come from
 * any thread and takes effect at the next tick's start, so the histograms themselves have one writer.
 */
public final class TickStatistics {
    /** Percentiles of one histogram, in milliseconds. */
    public record Percentiles(double p50Ms, double p99Ms, double maxMs) {
        static Percentiles of(TickHistogram h) {
            return new Percentiles(h.percentileMs(0.5), h.percentileMs(0.99), h.maxMs());
        }
    }

    private final TickClock clock;
    private final TickHistogram wallTimes = new TickHistogram();
    private final TickHistogram window = new TickHistogram();
    /**
     * CPU time the tick thread itself used per tick: on a busy machine wall-clock tick times also hold the time the
     * thread waited for a core, this does not, so the two together tell work from preemption.
     */
    private final TickHistogram cpuTimes = new TickHistogram();
    private final ThreadMXBean threadCpu = ManagementFactory.getThreadMXBean();
    private volatile boolean resetRequested;
    private long resetAtMillis = Long.MAX_VALUE;
    private long startNanos;
    private long startCpuNanos;

    /** {@code clock}: its missed ticks and jitter are reset together with the tick times. */
    public TickStatistics(TickClock clock) {
        this.clock = clock;
    }

    /** Forget what was measured before {@code millis} (the end of a benchmark's warm-up); tick thread. */
    public void resetAt(long millis) {
        resetAtMillis = millis;
    }

    /** Tick times, jitter and missed ticks start again from the next tick (any thread). */
    public void requestReset() {
        resetRequested = true;
    }

    /** The tick starts: its timers run from here. */
    public void tickStarted(long nowMillis) {
        startNanos = System.nanoTime();
        startCpuNanos = threadCpu.getCurrentThreadCpuTime(); // -1 where the JVM cannot measure it
        if (nowMillis >= resetAtMillis) {
            resetAtMillis = Long.MAX_VALUE;
            resetRequested = true;
        }
        if (resetRequested) {
            resetRequested = false;
            wallTimes.reset();
            cpuTimes.reset();
            clock.resetStats();
        }
    }

    /** The tick's work is done (a tick that ends the match is not recorded). */
    public void tickEnded() {
        // CPU read inside the wall interval (started after it, ended before it), so a tick's CPU time never exceeds
        // its wall time; read after the wall histogram's record, it counted that recording (and, on the first ticks,
        // its class loading) as the tick's CPU only
        long cpu = startCpuNanos >= 0 ? threadCpu.getCurrentThreadCpuTime() - startCpuNanos : -1;
        long took = System.nanoTime() - startNanos;
        wallTimes.record(took);
        if (cpu >= 0) {
            cpuTimes.record(cpu);
        }
        window.record(took);
    }

    /** The tick times since the last {@link #startWindow()}: what a heartbeat reports. */
    public Percentiles window() {
        return Percentiles.of(window);
    }

    /** A heartbeat went out: its window starts again. */
    public void startWindow() {
        window.reset();
    }

    /** Wall-clock tick times since the warm-up. */
    public Percentiles wallTimes() {
        return Percentiles.of(wallTimes);
    }

    /** The tick thread's CPU time per tick since the warm-up. */
    public Percentiles cpuTimes() {
        return Percentiles.of(cpuTimes);
    }
}
