package dev.skirmish.gameserver.tick;

import java.util.concurrent.locks.LockSupport;

/**
 * Fixed-rate schedule: tick n starts at start + n × period. When a tick starts more than a whole period late, the
 * missed slots are counted and the schedule restarts from now: running them back to back would only make the
 * next ticks late too (the spiral of death). A hosted match skips to the next slot of its own grid instead
 * ({@link #keepPhaseOnMiss()}), also without running the missed ones.
 */
public final class TickClock {
    /** Hosted matches keep their phase after a miss ({@code -Dskirmish.host.keep-phase=false}: off, for an A/B). */
    public static final boolean HOSTED_KEEP_PHASE =
            Boolean.parseBoolean(System.getProperty("skirmish.host.keep-phase", "true"));
    private final long periodNanos;
    private long nextNanos;
    private long missedTicks;
    private final TickHistogram jitter = new TickHistogram();
    private boolean keepPhase;

    public TickClock(int tickRate) {
        this.periodNanos = 1_000_000_000L / tickRate;
        this.nextNanos = System.nanoTime();
    }

    /**
     * The last this much before a tick's start is spun (Thread.onSpinWait), not parked: parkNanos overshoots by
     * 50-100 µs on Linux. Not Thread.yield(): with the Netty loop or another process runnable on the same core, a
     * yield hands it the core for its whole time slice (up to ~3 ms under Linux's EEVDF scheduler), which made
     * start jitter p99 ~3 ms (docs/benchmarks.md). Cost: at most this window per tick, ~1 % of a core at 60 Hz.
     */
    static final long SPIN_BELOW_NANOS = 200_000;

    /** Waits for the next tick's start; returns its scheduled time. */
    public long awaitNextTick() {
        long now;
        while ((now = System.nanoTime()) < nextNanos) {
            long left = nextNanos - now;
            if (left > SPIN_BELOW_NANOS) {
                LockSupport.parkNanos(left - SPIN_BELOW_NANOS);
            } else {
                Thread.onSpinWait();
            }
        }
        return start(now);
    }

    /**
     * For a scheduler that drives several clocks from one thread: starts the tick due at {@code nowNanos} and returns
     * true, or returns false when none is due yet.
     */
    public boolean startIfDue(long nowNanos) {
        if (nowNanos < nextNanos) {
            return false;
        }
        start(nowNanos);
        return true;
    }

    /** When the next tick is due, on the {@link System#nanoTime()} scale. */
    public long nextTickNanos() {
        return nextNanos;
    }

    private long start(long now) {
        long late = now - nextNanos;
        jitter.record(late);
        long scheduled = nextNanos;
        if (late >= periodNanos && keepPhase) {
            // the next slot of the same grid at least half a period from now: no catch-up, and the phase stays
            long slots = (late + periodNanos / 2) / periodNanos + 1;
            missedTicks += slots - 1;
            nextNanos += slots * periodNanos;
        } else if (late >= periodNanos) {
            missedTicks += late / periodNanos;
            nextNanos = now + periodNanos;
        } else {
            nextNanos += periodNanos;
        }
        return scheduled;
    }

    public long missedTicks() {
        return missedTicks;
    }

    /** How late ticks started against their schedule. */
    public TickHistogram jitter() {
        return jitter;
    }

    /** The schedule starts again from now (after a pause that must not count as missed ticks). */
    public void restart() {
        nextNanos = System.nanoTime();
    }

    /**
     * After a miss, skip to the next slot of the same grid instead of restarting from now. A match host sets this:
     * its matches' phases are spread over the period ({@code TickPhases}), and one stall that every match sits through
     * (a long GC pause, the host without a core for a period) restarted them all from the same "now", so from then on
     * they were all due at the same instant and every wake-up of the tick thread ran them all back to back.
     */
    public void keepPhaseOnMiss() {
        keepPhase = true;
    }

    /** The schedule starts again at {@code nanos} (a host placing a new match's phase among the others'). */
    public void restartAt(long nanos) {
        nextNanos = nanos;
    }

    /** Forgets missed ticks and jitter so far (a benchmark's warm-up). */
    public void resetStats() {
        missedTicks = 0;
        jitter.reset();
    }

    public long periodNanos() {
        return periodNanos;
    }
}
