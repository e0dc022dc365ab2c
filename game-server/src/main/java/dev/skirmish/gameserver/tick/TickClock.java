package dev.skirmish.gameserver.tick;

import java.util.concurrent.locks.LockSupport;

/**
 * Fixed-rate schedule: tick n starts at start + n × period. When a tick starts more than a whole period late, the
 * missed slots are counted and the schedule restarts from now: running them back to back would only make the
 * next ticks late too (the spiral of death).
 */
public final class TickClock {
    private final long periodNanos;
    private long nextNanos;
    private long missedTicks;
    private final TickHistogram jitter = new TickHistogram();

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
        if (late >= periodNanos) {
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
