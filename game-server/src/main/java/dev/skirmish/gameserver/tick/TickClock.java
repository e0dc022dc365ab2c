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
     * Below this much time left the clock yields instead of parking: parkNanos overshoots by 50-100 µs on Linux,
     * and yielding (not spinning) leaves the core to other threads on a machine shared with the Netty loop.
     */
    static final long YIELD_BELOW_NANOS = 200_000;

    /** Waits for the next tick's start; returns its scheduled time. */
    public long awaitNextTick() {
        long now;
        while ((now = System.nanoTime()) < nextNanos) {
            long left = nextNanos - now;
            if (left > YIELD_BELOW_NANOS) {
                LockSupport.parkNanos(left - YIELD_BELOW_NANOS);
            } else {
                Thread.yield();
            }
        }
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

    /** Forgets missed ticks and jitter so far (a benchmark's warm-up). */
    public void resetStats() {
        missedTicks = 0;
        jitter.reset();
    }

    public long periodNanos() {
        return periodNanos;
    }
}
