package dev.skirmish.gameserver.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skirmish.gameserver.report.MatchReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A host's matches get tick phases spread over the period, whenever they were added. */
@Timeout(30)
class TickPhasesTest {
    private static final long PERIOD = 1_000_000_000L / 60;

    /** A match that only keeps its clock, as a hosted match's does (phase kept after a miss, first tick movable). */
    private static final class StandIn extends ClockedMatch {
        volatile long stallOnceMillis;

        StandIn(String id) {
            super(id);
            clock.keepPhaseOnMiss(); // as a hosted match's ServerTick does
        }

        @Override
        protected void onTick(long tick) {
            long stall = stallOnceMillis;
            if (stall > 0) {
                stallOnceMillis = 0;
                LockSupport.parkNanos(stall * 1_000_000); // a long GC pause, or the host without a core
            }
        }

        @Override
        public long periodNanos() {
            return clock.periodNanos();
        }

        @Override
        public void firstTickAt(long nanos) {
            clock.restartAt(nanos);
        }
    }

    private static long[] phases(List<StandIn> matches) {
        long anchor = matches.getFirst().nextTickNanos();
        return matches.stream().mapToLong(m -> Math.floorMod(m.nextTickNanos() - anchor, PERIOD)).sorted().toArray();
    }

    /** The most matches due within 100 µs of one another: what one wake-up of the tick thread runs back to back. */
    private static int largestBunch(List<StandIn> matches) {
        long[] p = phases(matches);
        int most = 0;
        for (long x : p) {
            int n = 0;
            for (long y : p) {
                long d = Math.floorMod(y - x, PERIOD);
                if (Math.min(d, PERIOD - d) <= 100_000) {
                    n++;
                }
            }
            most = Math.max(most, n);
        }
        return most;
    }

    @Test
    void theMiddleOfTheWidestGapAcrossThePeriodsEnd() {
        assertThat(TickPhases.middleOfWidestGap(new long[] {0}, 1000)).isEqualTo(500);
        assertThat(TickPhases.middleOfWidestGap(new long[] {0, 500}, 1000)).isEqualTo(750);
        assertThat(TickPhases.middleOfWidestGap(new long[] {900, 100}, 1000)).isEqualTo(500);
        assertThat(TickPhases.middleOfWidestGap(new long[] {100, 200}, 1000)).isEqualTo(650);
    }

    @Test
    void theGroupWithTheFewestMatchesPeriodOverGroupsApartFromTheFirst() {
        assertThat(TickPhases.leastTakenGroup(new long[] {100}, 1000, 4)).isEqualTo(350);
        assertThat(TickPhases.leastTakenGroup(new long[] {100, 350, 600}, 1000, 4)).isEqualTo(850);
        assertThat(TickPhases.leastTakenGroup(new long[] {100, 350, 600, 850}, 1000, 4)).isEqualTo(100);
        // a phase counts for the group it is nearest to
        assertThat(TickPhases.leastTakenGroup(new long[] {100, 340, 590, 860, 110}, 1000, 4)).isEqualTo(350);
    }

    @Test
    void aMatchJoiningNoneStartsAtOnce() {
        assertThat(TickPhases.firstTick(42, PERIOD, List.of())).isEqualTo(42);
    }

    /**
     * Matches added in one burst (an orchestrator placing a full host at once) all get the same phase without the
     * placement, and so do matches after any stall they all sit through, without the hosted clock's kept phase:
     * every wake-up of the tick thread then runs all of them back to back, the long pass a busy core preempts in the
     * middle of a match's tick. With both, the matches stay in their phase groups.
     */
    @Test
    void matchesAddedAtTheSameInstantAreSpreadOverThePeriod() {
        List<String> ended = new CopyOnWriteArrayList<>();
        MatchScheduler scheduler = new MatchScheduler(new MatchScheduler.Listener() {
            @Override
            public void over(Hosted match, MatchReport report) {
                ended.add(match.sessionId());
            }

            @Override
            public void crashed(Hosted match, Throwable why) {
                ended.add(match.sessionId());
            }
        });
        List<StandIn> matches = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            matches.add(new StandIn("m" + i)); // their clocks all start now: the same phase
        }
        scheduler.start();
        try {
            matches.forEach(scheduler::add);
            // placed when the tick thread takes each in, so every match has ticked once they all have
            await().atMost(Duration.ofSeconds(5)).until(() -> matches.stream().allMatch(m -> m.ticks.get() >= 2));
            // 8 matches in TickPhases.GROUPS groups (4: two a group; 0: one phase each)
            int bunch = TickPhases.GROUPS > 0 ? (8 + TickPhases.GROUPS - 1) / TickPhases.GROUPS : 1;
            assertThat(largestBunch(matches)).as("phases %s", Arrays.toString(phases(matches))).isEqualTo(bunch);

            // a stall every match sits through (here: one match's tick takes 3 periods): a clock that restarted
            // from "now" after the miss put every match on the same phase from then on; each keeps its own
            long before = matches.getFirst().ticks.get();
            matches.getFirst().stallOnceMillis = 50;
            await().atMost(Duration.ofSeconds(5)).until(() -> matches.getFirst().ticks.get() >= before + 3);
            assertThat(matches.stream().mapToLong(m -> m.clock.missedTicks()).sum()).isPositive();
            assertThat(largestBunch(matches)).as("phases after the stall %s", Arrays.toString(phases(matches)))
                    .isEqualTo(bunch);
            assertThat(ended).isEmpty();
        } finally {
            scheduler.close();
        }
    }
}
