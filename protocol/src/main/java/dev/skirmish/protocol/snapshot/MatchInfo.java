package dev.skirmish.protocol.snapshot;

/**
 * Match-wide part of a snapshot. {@code phase}: 0 waiting, 1 running, 2 ended; {@code endTick}: the tick at which
 * the match clock reaches zero (ticks left = endTick - snapshot tick; it moves while the clock is stopped);
 * {@code winnerIndex}: player index + 1 of the winner once ended (0: none/draw).
 */
public record MatchInfo(int phase, int endTick, int winnerIndex) {
    public static final MatchInfo EMPTY = new MatchInfo(0, 0, 0);
    static final int FIELDS = 3;

    int[] fields() {
        return new int[] {phase, endTick, winnerIndex};
    }

    static MatchInfo of(int[] f) {
        return new MatchInfo(f[0], f[1], f[2]);
    }
}
