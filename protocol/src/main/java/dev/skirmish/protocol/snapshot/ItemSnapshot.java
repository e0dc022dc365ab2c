package dev.skirmish.protocol.snapshot;

/**
 * A pickup or hazard: heart spawner, bomb spawner, lit bomb, ... Positions in 1/8 px.
 *
 * @param index stable id of the item (spawner number)
 * @param kind  game-defined (1 heart, 2 bomb, ...)
 * @param state game-defined (0 absent/waiting, 1 available, 2 lit, 3 exploding, ...)
 * @param timer ticks until the state changes (respawn, fuse)
 */
public record ItemSnapshot(int index, int kind, int state, int x, int y, int timer) {
    static final int FIELDS = 5;

    public float xPixels() {
        return Quantize.positionPixels(x);
    }

    public float yPixels() {
        return Quantize.positionPixels(y);
    }

    int[] fields() {
        return new int[] {kind, state, x, y, timer};
    }

    static ItemSnapshot of(int index, int[] f) {
        return new ItemSnapshot(index, f[0], f[1], f[2], f[3], f[4]);
    }
}
