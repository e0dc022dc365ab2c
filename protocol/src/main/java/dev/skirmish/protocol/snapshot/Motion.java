package dev.skirmish.protocol.snapshot;

import dev.skirmish.simulation.Rules;

/**
 * Dead reckoning of a player between a baseline and a later snapshot, in integers so both ends get the same
 * answer: x moves by vx, y by vy plus gravity when airborne, vy gains gravity up to the fall limit; a dead or
 * disconnected player stays put and its frozen countdowns' end ticks move on by the gap; a countdown that is over
 * by the new tick becomes 0. A runner or a
 * faller then matches the carried-forward baseline exactly and costs nothing; a change of direction costs only
 * the difference. Only the size of deltas depends on how well this guesses, never their correctness.
 */
final class Motion {
    /** Longer gaps are not carried forward (the guess would be poor and the products large). */
    static final int MAX_GAP = 255;
    private static final long STEPS = Quantize.POSITION_STEPS_PER_PIXEL;
    private static final long GRAVITY = Math.round(Rules.GRAVITY);
    private static final long MAX_FALL = Math.round(Rules.MAX_FALL_SPEED);
    /** sword_end_tick, pistol_ready_tick, shot_end_tick, invulnerable_end_tick. */
    private static final int[] FROZEN_WHEN_INACTIVE = {6, 8, 9, 10};
    /** Every end tick: those above and respawn_tick. */
    private static final int[] END_TICKS = {6, 8, 9, 10, 11};

    private Motion() {
    }

    /**
     * Player fields in wire order: x, y, vx, vy, flags, ... (see {@link PlayerSnapshot#fields()}), carried forward
     * in place (the callers pass a copy of the baseline's fields, see {@link EntityLayout.Predictor}).
     */
    static int[] player(int[] base, EntityLayout.Frame frame) {
        int[] f = base;
        long gap = frame.gap();
        long rate = frame.tickRate();
        if (gap <= 0 || gap > MAX_GAP || rate <= 0) {
            return f;
        }
        if ((base[4] & PlayerSnapshot.ALIVE) == 0 || (base[4] & PlayerSnapshot.CONNECTED) == 0) {
            // the simulation freezes a dead or disconnected player: no movement, and its sword, pistol, shot and
            // spawn-protection countdowns stop, so their end ticks move along with the clock
            for (int i : FROZEN_WHEN_INACTIVE) {
                if (f[i] != 0) {
                    f[i] += (int) gap;
                }
            }
            return expire(f, frame.tick());
        }
        long vx = base[2];
        long vy = base[3];
        boolean airborne = (base[4] & PlayerSnapshot.ON_GROUND) == 0;
        f[0] = (int) (base[0] + Math.floorDiv(vx * gap * STEPS, rate));
        long dy = Math.floorDiv(vy * gap * STEPS, rate);
        if (airborne) {
            // per tick the simulation adds g/rate to vy, then moves by vy/rate: the sum over the gap
            dy += Math.floorDiv(GRAVITY * STEPS * gap * (gap + 1) / 2, rate * rate);
            f[3] = (int) Math.max(vy, Math.min(vy + Math.floorDiv(GRAVITY * gap, rate), MAX_FALL));
        }
        f[1] = (int) (base[1] + dy);
        return expire(f, frame.tick());
    }

    /** A countdown over by the snapshot's tick travels as 0 (as {@link MatchStateSnapshots#capture} writes it). */
    private static int[] expire(int[] f, int tick) {
        for (int i : END_TICKS) {
            if (f[i] != 0 && f[i] - tick <= 0) {
                f[i] = 0;
            }
        }
        return f;
    }
}
