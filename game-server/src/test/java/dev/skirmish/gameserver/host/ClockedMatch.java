package dev.skirmish.gameserver.host;

import dev.skirmish.gameserver.report.MatchReport;
import dev.skirmish.gameserver.tick.TickClock;
import java.util.concurrent.atomic.AtomicLong;

/** A stand-in match for the host's scheduler tests: a 60 Hz clock, a tick count, and what a tick does. */
class ClockedMatch implements Hosted {
    final TickClock clock = new TickClock(60);
    final AtomicLong ticks = new AtomicLong();
    private final String id;

    ClockedMatch(String id) {
        this.id = id;
    }

    /** One started tick, numbered from 1; may throw (a crash) or take its time (a stall). */
    protected void onTick(long tick) {
    }

    @Override
    public String sessionId() {
        return id;
    }

    @Override
    public long nextTickNanos() {
        return clock.nextTickNanos();
    }

    @Override
    public MatchReport tickIfDue(long nowNanos) {
        if (clock.startIfDue(nowNanos)) {
            onTick(ticks.incrementAndGet());
        }
        return null;
    }
}
