package dev.skirmish.gameserver.host;

import java.util.Arrays;
import java.util.List;

/**
 * Where in the tick period a new match of a host starts ticking. Matches added one after another get phases that
 * depend only on when each was added, and one stall that all sit through used to restart every clock from the same
 * "now" (see {@code TickClock.keepPhaseOnMiss}): from then on the host's one tick thread ran all its matches back to
 * back, one pass of N ticks per period. A pass longer than the thread's time slice is what a busy core preempts in
 * the middle of a match's tick (the decomposition in docs/benchmarks.md); one match per wake-up, on the other hand,
 * measured twice the tick thread's CPU per tick (a wake-up per tick, and caches cold for each), so the matches go
 * into {@link #GROUPS} phase groups spread over the period: a new match joins the group with the fewest matches, and
 * each wake-up runs one group's ticks back to back. 0 groups: every match in the middle of the widest gap.
 */
final class TickPhases {
    /** Off ({@code -Dskirmish.host.spread-phases=false}): a match starts at once, the phase its add gave it (A/B). */
    static final boolean ENABLED = Boolean.parseBoolean(System.getProperty("skirmish.host.spread-phases", "true"));

    /** Phase groups per period ({@code -Dskirmish.host.tick-groups}, 4); 0: one phase per match. */
    static final int GROUPS = Integer.getInteger("skirmish.host.tick-groups", 4);

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
        return nowNanos + (GROUPS > 0 ? leastTakenGroup(phases, periodNanos, GROUPS)
                : middleOfWidestGap(phases, periodNanos));
    }

    /**
     * The phase of the group with the fewest of {@code phases} near it; the groups sit period/groups apart from the
     * first phase (the host's first match), each phase counting for the group it is nearest to.
     */
    static long leastTakenGroup(long[] phases, long periodNanos, int groups) {
        long anchor = phases[0];
        long step = periodNanos / groups;
        int[] taken = new int[groups];
        for (long p : phases) {
            long offset = Math.floorMod(p - anchor, periodNanos);
            taken[(int) (((offset + step / 2) / step) % groups)]++;
        }
        int best = 0;
        for (int g = 1; g < groups; g++) {
            if (taken[g] < taken[best]) {
                best = g;
            }
        }
        return Math.floorMod(anchor + best * step, periodNanos);
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
