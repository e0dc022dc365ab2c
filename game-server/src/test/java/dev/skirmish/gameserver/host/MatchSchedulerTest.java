package dev.skirmish.gameserver.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skirmish.gameserver.report.MatchReport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The host's one tick thread over several matches, each on its own 60 Hz schedule. */
@Timeout(30)
class MatchSchedulerTest {
    /** A match that counts its ticks and, from {@code failAt} on, throws in its step. */
    private static final class StandIn extends ClockedMatch {
        final long failAt;

        StandIn(String id, long failAt) {
            super(id);
            this.failAt = failAt;
        }

        @Override
        protected void onTick(long tick) {
            if (tick >= failAt) {
                throw new IllegalStateException("a bug in this match's step");
            }
        }
    }

    /**
     * The attack on a shared process: one match's state drives its step into an exception (a bug, or input crafted
     * to find one). Without the per-match catch the exception ends the one tick thread and every match on it
     * freezes; with it, only that match ends, as crashed, and the others keep their 60 Hz.
     */
    @Test
    void aMatchThatThrowsEndsAloneAsCrashedWhileTheOthersKeepTicking() {
        List<String> crashed = new CopyOnWriteArrayList<>();
        MatchScheduler scheduler = new MatchScheduler(new MatchScheduler.Listener() {
            @Override
            public void over(Hosted match, MatchReport report) {
            }

            @Override
            public void crashed(Hosted match, Throwable why) {
                crashed.add(match.sessionId() + ": " + why.getMessage());
            }
        });
        StandIn good = new StandIn("good", Long.MAX_VALUE);
        StandIn other = new StandIn("other", Long.MAX_VALUE);
        StandIn bad = new StandIn("bad", 30);
        scheduler.start();
        try {
            scheduler.add(good);
            scheduler.add(bad);
            scheduler.add(other);
            await().atMost(Duration.ofSeconds(10)).until(() -> !crashed.isEmpty());
            assertThat(crashed).containsExactly("bad: a bug in this match's step");
            long goodAt = good.ticks.get();
            long otherAt = other.ticks.get();
            // a second of the others' ticks after the crash
            await().atMost(Duration.ofSeconds(10)).until(() -> good.ticks.get() > goodAt + 60
                    && other.ticks.get() > otherAt + 60);
            assertThat(bad.ticks.get()).isEqualTo(30); // taken out: never stepped again
        } finally {
            scheduler.close();
        }
    }

    @Test
    void removedMatchIsHandedBackAndNoLongerTicked() {
        MatchScheduler scheduler = new MatchScheduler(new MatchScheduler.Listener() {
            @Override
            public void over(Hosted match, MatchReport report) {
            }

            @Override
            public void crashed(Hosted match, Throwable why) {
            }
        });
        StandIn m = new StandIn("m", Long.MAX_VALUE);
        List<Hosted> removed = new CopyOnWriteArrayList<>();
        scheduler.start();
        try {
            scheduler.add(m);
            await().atMost(Duration.ofSeconds(5)).until(() -> m.ticks.get() > 10);
            scheduler.remove("m", removed::add);
            await().atMost(Duration.ofSeconds(5)).until(() -> removed.size() == 1);
            long at = m.ticks.get();
            await().pollDelay(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> true);
            assertThat(m.ticks.get()).isEqualTo(at);
        } finally {
            scheduler.close();
        }
    }
}
