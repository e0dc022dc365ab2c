package dev.skirmish.protocol.snapshot;

/**
 * One player as clients see it. Positions are in 1/8 px and velocities in px/s ({@link Quantize}).
 *
 * @param index       the player's slot (KEEP_ALIVE tells each client its own)
 * @param flags       bit set: {@link #ALIVE}, {@link #FACING_LEFT}, {@link #ON_GROUND}
 * @param action      what the player is doing, game-defined (0 idle, 1-3 sword combo hit, 4 shooting, ...)
 * @param actionTicks ticks left in that action
 * @param cooldownTicks ticks until the pistol can fire again
 * @param respawnTicks ticks until a dead player respawns
 */
public record PlayerSnapshot(int index, int x, int y, int vx, int vy, int flags, int hearts, int action,
                             int actionTicks, int cooldownTicks, int kills, int deaths, int respawnTicks) {
    public static final int ALIVE = 1;
    public static final int FACING_LEFT = 1 << 1;
    public static final int ON_GROUND = 1 << 2;
    static final int FIELDS = 12;

    public float xPixels() {
        return Quantize.positionPixels(x);
    }

    public float yPixels() {
        return Quantize.positionPixels(y);
    }

    public boolean alive() {
        return (flags & ALIVE) != 0;
    }

    public boolean facingLeft() {
        return (flags & FACING_LEFT) != 0;
    }

    int[] fields() {
        return new int[] {x, y, vx, vy, flags, hearts, action, actionTicks, cooldownTicks, kills, deaths, respawnTicks};
    }

    static PlayerSnapshot of(int index, int[] f) {
        return new PlayerSnapshot(index, f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11]);
    }
}
