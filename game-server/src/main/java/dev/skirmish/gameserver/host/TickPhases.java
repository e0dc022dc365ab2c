package dev.skirmish.gameserver.host;

import java.util.Arrays;
import java.util.List;

/**
 * Where in the tick period a new match of a host starts ticking. Matches added one after another get phases that
 * depend only on when each was added, so several can be due at the same instant: the host's one tick thread then
 * runs them back to back, a pass of several ticks, and a long pass is what the kernel preempts: past its time slice
 * the thread waits on a run queue for another task's whole slice (milliseconds) in the middle of one match's tick
 * (the decomposition in docs/benchmarks.md). A new match goes into the middle of the widest gap between the phases
 * already taken, so N matches end up about period/N apart and each wake-up of the tick thread runs one short tick.
 */
final class TickPhases {
    /** Off ({@code -Dskirmish.host.spread-phases=false}): a match starts at once, the phase its add gave it (A/B). */
    static final boolean ENABLED = Boolean.parseBoolean(System.getProperty("skirmish.host.spread-phases", "true"));

    private TickPhases() {
    }

    /**
     * The first tick, at or after {@code nowNanos} and within one period, for a match joining {@code others}
     * (their next tick times; every match of a host has the same period).
     */
    static long firstTick(long nowNanos, long periodNanos, List<Hosted> others) {
        if (others.isEmpty() || periodNanos <= 0) {
            return nowNanos;
        }
        long[] phases = new long[others.size()];
        for (int i = 0; i < phases.length; i++) {
            phases[i] = Math.floorMod(others.get(i).nextTickNanos() - nowNanos, periodNanos);
        }
        return nowNanos + middleOfWidestGap(phases, periodNanos);
    }

    /** The phase halfway across the widest gap between {@code phases} (each in [0, period)), on the circle. */
    static long middleOfWidestGap(long[] phases, long periodNanos) {
        long[] p = phases.clone();
        Arrays.sort(p);
        long bestStart = p[p.length - 1];
        long bestGap = p[0] + periodNanos - p[p.length - 1]; // the gap across the period's end
        for (int i = 1; i < p.length; i++) {
            long gap = p[i] - p[i - 1];
            if (gap > bestGap) {
                bestGap = gap;
                bestStart = p[i - 1];
            }
        }
        return Math.floorMod(bestStart + bestGap / 2, periodNanos);
    }
}
