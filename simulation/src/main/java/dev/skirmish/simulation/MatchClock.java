package dev.skirmish.simulation;

/** The running phase counts down; at zero the match ends and the winner is announced. */
final class MatchClock {
    private MatchClock() {
    }

    /** @return whether the match ended on this tick (the caller announces it once the state is frozen) */
    static boolean tick(World w) {
        if (w.phase != MatchPhase.RUNNING) {
            return false;
        }
        if (w.ticksLeft > 0) {
            w.ticksLeft--;
        }
        if (w.ticksLeft == 0) {
            w.phase = MatchPhase.ENDED;
            return true;
        }
        return false;
    }
}
