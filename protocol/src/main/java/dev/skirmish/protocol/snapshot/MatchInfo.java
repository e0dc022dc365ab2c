package dev.skirmish.protocol.snapshot;

/**
 * Match-wide part of a snapshot. {@code phase}: 0 waiting, 1 running, 2 ended; {@code endTick}: the tick at which
 * the match clock reaches zero (ticks left = endTick - snapshot tick; it moves while the clock is stopped);
 * {@code winnerIndex}: player index + 1 of the winner once ended (0: none/draw); {@code tick}: the simulation tick
 * the snapshot shows; {@code tickRate}: ticks per second. The last two let both ends carry a baseline forward to
 * the snapshot's tick the same way ({@link Motion}); 0 turns that off.
 */
public record MatchInfo(int phase, int endTick, int winnerIndex, int tick, int tickRate) {
    public static final MatchInfo EMPTY = new MatchInfo(0, 0, 0, 0, 0);

    /** Without tick and rate (tests and worlds that are not carried forward). */
    public MatchInfo(int phase, int endTick, int winnerIndex) {
        this(phase, endTick, winnerIndex, 0, 0);
    }

    int[] fields() {
        int[] f = new int[5];
        fieldsInto(f);
        return f;
    }

    void fieldsInto(int[] f) {
        f[0] = phase;
        f[1] = endTick;
        f[2] = winnerIndex;
        f[3] = tick;
        f[4] = tickRate;
    }

    static MatchInfo of(int[] f) {
        return new MatchInfo(f[0], f[1], f[2], f[3], f[4]);
    }
}
