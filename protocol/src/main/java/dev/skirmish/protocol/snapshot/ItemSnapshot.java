package dev.skirmish.protocol.snapshot;

/**
 * A heart or a bomb at its spawner. Positions in 1/8 px. Indexes: hearts use their spawner id
 * ({@link MatchStateSnapshots#HEART_BASE} + id), bombs {@link MatchStateSnapshots#BOMB_BASE} + id.
 *
 * @param kind  {@link #HEART} or {@link #BOMB}
 * @param state heart: 0 taken, 1 available; bomb: 0 absent, 1 ready, 2 lit
 * @param timerEndTick heart: tick it is back; bomb: tick it respawns (absent) or explodes (lit); 0 = none
 * @param owner bomb: player id + 1 of who lit it (0 = nobody); heart: 0
 */
public record ItemSnapshot(int index, int kind, int state, int x, int y, int timerEndTick, int owner) {
    public static final int HEART = 1;
    public static final int BOMB = 2;

    public float xPixels() {
        return Quantize.positionPixels(x);
    }

    public float yPixels() {
        return Quantize.positionPixels(y);
    }

    /** {@code previous} itself when it has exactly these fields, else a new item of them (as the player's). */
    static ItemSnapshot reuseOrCreate(ItemSnapshot previous, int index, int kind, int state, int x, int y,
                                      int timerEndTick, int owner) {
        if (previous != null && previous.sameAs(index, kind, state, x, y, timerEndTick, owner)) {
            return previous;
        }
        return new ItemSnapshot(index, kind, state, x, y, timerEndTick, owner);
    }

    /** {@code equals} against the record these components would make, without making it: every component, in order. */
    boolean sameAs(int index, int kind, int state, int x, int y, int timerEndTick, int owner) {
        return this.index == index && this.kind == kind && this.state == state && this.x == x && this.y == y
                && this.timerEndTick == timerEndTick && this.owner == owner;
    }

    int[] fields() {
        int[] f = new int[6];
        fieldsInto(f);
        return f;
    }

    void fieldsInto(int[] f) {
        f[0] = kind;
        f[1] = state;
        f[2] = x;
        f[3] = y;
        f[4] = timerEndTick;
        f[5] = owner;
    }

    static ItemSnapshot of(int index, int[] f) {
        return new ItemSnapshot(index, f[0], f[1], f[2], f[3], f[4], f[5]);
    }
}
