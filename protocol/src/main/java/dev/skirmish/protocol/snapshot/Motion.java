package dev.skirmish.protocol.snapshot;

import dev.skirmish.simulation.Rules;

/**
 * Dead reckoning of a player between a baseline and a later snapshot, in integers so both ends get the same
 * answer: x moves by vx, y by vy plus gravity when airborne, vy gains gravity up to the fall limit. A runner or a
 * faller then matches the carried-forward baseline exactly and costs nothing; a change of direction costs only
 * the difference. Only the size of deltas depends on how well this guesses, never their correctness.
 */
final class Motion {
    /** Longer gaps are not carried forward (the guess would be poor and the products large). */
    static final int MAX_GAP = 255;
    private static final long STEPS = Quantize.POSITION_STEPS_PER_PIXEL;
    private static final long GRAVITY = Math.round(Rules.GRAVITY);
    private static final long MAX_FALL = Math.round(Rules.MAX_FALL_SPEED);

    private Motion() {
    }

    /** Player fields in wire order: x, y, vx, vy, flags, ... (see {@link PlayerSnapshot#fields()}). */
    static int[] player(int[] base, EntityLayout.Frame frame) {
        int[] f = base.clone();
        long gap = frame.gap();
        long rate = frame.tickRate();
        if (gap <= 0 || gap > MAX_GAP || rate <= 0) {
            return f;
        }
        long vx = base[2];
        long vy = base[3];
        boolean airborne = (base[4] & PlayerSnapshot.ON_GROUND) == 0 && (base[4] & PlayerSnapshot.ALIVE) != 0;
        f[0] = (int) (base[0] + Math.floorDiv(vx * gap * STEPS, rate));
        long dy = Math.floorDiv(vy * gap * STEPS, rate);
        if (airborne) {
            // per tick the simulation adds g/rate to vy, then moves by vy/rate: the sum over the gap
            dy += Math.floorDiv(GRAVITY * STEPS * gap * (gap + 1) / 2, rate * rate);
            f[3] = (int) Math.max(vy, Math.min(vy + Math.floorDiv(GRAVITY * gap, rate), MAX_FALL));
        }
        f[1] = (int) (base[1] + dy);
        return f;
    }
}
