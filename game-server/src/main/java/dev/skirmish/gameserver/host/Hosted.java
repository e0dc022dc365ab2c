package dev.skirmish.gameserver.host;

import dev.skirmish.gameserver.report.MatchReport;

/** A match as the host's scheduler drives it (a {@code GameServer}, or a stand-in in a test). */
interface Hosted {
    String sessionId();

    /** When the next tick is due, on the {@link System#nanoTime()} scale. */
    long nextTickNanos();

    /** Runs the tick due at {@code nowNanos}, if any; the report once the match is over. May throw: a crash. */
    MatchReport tickIfDue(long nowNanos);

    /** The tick period; 0: the scheduler leaves the first tick where the match put it. */
    default long periodNanos() {
        return 0;
    }

    /** Moves the first tick (before any has run) to {@code nanos}; tick thread. */
    default void firstTickAt(long nanos) {
    }
}
