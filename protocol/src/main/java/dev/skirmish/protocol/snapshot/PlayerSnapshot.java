package dev.skirmish.protocol.snapshot;

/**
 * One player as clients see it: the simulation's {@code PlayerState} quantized (positions in 1/8 px, velocities
 * in px/s, see {@link Quantize}), with everything client prediction needs to step it. Field order is the wire
 * order; the often-changing fields come first so their mask fits in one varint byte. Countdowns travel as the
 * tick they end at (0 = not running): a deadline does not change every tick, a "ticks left" would cost a byte
 * per timer per snapshot.
 *
 * @param index       player id (slot), as KEEP_ALIVE tells each client its own
 * @param flags       bit set: {@link #ALIVE}, {@link #FACING_LEFT}, {@link #ON_GROUND}, {@link #CONNECTED},
 *                    {@link #SWORD_CHAINED}
 * @param lastButtons buttons of the last input applied (to detect new presses)
 */
public record PlayerSnapshot(int index, int x, int y, int vx, int vy, int flags, int lastButtons, int swordEndTick,
                             int swordStage, int pistolReadyTick, int shotEndTick, int invulnerableEndTick,
                             int respawnTick, int hearts, int kills, int deaths, int damageDealt) {
    public static final int ALIVE = 1;
    public static final int FACING_LEFT = 1 << 1;
    public static final int ON_GROUND = 1 << 2;
    public static final int CONNECTED = 1 << 3;
    public static final int SWORD_CHAINED = 1 << 4;

    public float xPixels() {
        return Quantize.positionPixels(x);
    }

    public float yPixels() {
        return Quantize.positionPixels(y);
    }

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    public boolean alive() {
        return has(ALIVE);
    }

    public boolean facingLeft() {
        return has(FACING_LEFT);
    }

    /**
     * What to draw: 0 idle, 1-3 sword combo hit, 4 shooting (the simulation's rule). End ticks are 0 once a
     * countdown is over at the snapshot's tick, so a non-zero {@code shotEndTick} means the shot still shows.
     */
    public int action() {
        return swordStage > 0 ? swordStage : shotEndTick != 0 ? 4 : 0;
    }

    /** {@link #action()} as of a later {@code tick} (for interpolated or extrapolated drawing). */
    public int action(long tick) {
        return swordStage > 0 ? swordStage : shotEndTick > tick ? 4 : 0;
    }

    /**
     * {@code previous} itself when it has exactly these fields, else a new snapshot of them (null: always new). The
     * server's capture asks this of every player every tick; comparing field by field spares it the candidate
     * record {@code equals} would need (garbage per tick, docs/benchmarks.md).
     */
    static PlayerSnapshot reuseOrCreate(PlayerSnapshot previous, int index, int x, int y, int vx, int vy, int flags,
                                        int lastButtons, int swordEndTick, int swordStage, int pistolReadyTick,
                                        int shotEndTick, int invulnerableEndTick, int respawnTick, int hearts,
                                        int kills, int deaths, int damageDealt) {
        if (previous != null && previous.sameAs(index, x, y, vx, vy, flags, lastButtons, swordEndTick, swordStage,
                pistolReadyTick, shotEndTick, invulnerableEndTick, respawnTick, hearts, kills, deaths, damageDealt)) {
            return previous;
        }
        return new PlayerSnapshot(index, x, y, vx, vy, flags, lastButtons, swordEndTick, swordStage, pistolReadyTick,
                shotEndTick, invulnerableEndTick, respawnTick, hearts, kills, deaths, damageDealt);
    }

    /** {@code equals} against the record these components would make, without making it: every component, in order. */
    boolean sameAs(int index, int x, int y, int vx, int vy, int flags, int lastButtons, int swordEndTick,
                   int swordStage, int pistolReadyTick, int shotEndTick, int invulnerableEndTick, int respawnTick,
                   int hearts, int kills, int deaths, int damageDealt) {
        return this.index == index && this.x == x && this.y == y && this.vx == vx && this.vy == vy
                && this.flags == flags && this.lastButtons == lastButtons && this.swordEndTick == swordEndTick
                && this.swordStage == swordStage && this.pistolReadyTick == pistolReadyTick
                && this.shotEndTick == shotEndTick && this.invulnerableEndTick == invulnerableEndTick
                && this.respawnTick == respawnTick && this.hearts == hearts && this.kills == kills
                && this.deaths == deaths && this.damageDealt == damageDealt;
    }

    int[] fields() {
        int[] f = new int[16];
        fieldsInto(f);
        return f;
    }

    void fieldsInto(int[] f) {
        f[0] = x;
        f[1] = y;
        f[2] = vx;
        f[3] = vy;
        f[4] = flags;
        f[5] = lastButtons;
        f[6] = swordEndTick;
        f[7] = swordStage;
        f[8] = pistolReadyTick;
        f[9] = shotEndTick;
        f[10] = invulnerableEndTick;
        f[11] = respawnTick;
        f[12] = hearts;
        f[13] = kills;
        f[14] = deaths;
        f[15] = damageDealt;
    }

    static PlayerSnapshot of(int index, int[] f) {
        return new PlayerSnapshot(index, f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11],
                f[12], f[13], f[14], f[15]);
    }
}
