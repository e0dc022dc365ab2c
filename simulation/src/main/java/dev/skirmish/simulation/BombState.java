package dev.skirmish.simulation;

/**
 * The bomb of one bomb spawner. Bombs do not move: they sit at their spawner.
 *
 * @param id      spawner index 0..6 (the bomb id in events)
 * @param phase   ABSENT (timer = ticks until it respawns), READY, LIT (timer = fuse ticks left)
 * @param lighter player who lit it (-1 unless LIT): explosion damage is theirs
 */
public record BombState(int id, float x, float y, Phase phase, int timer, int lighter) {
    public enum Phase {
        ABSENT,
        READY,
        LIT
    }

    public static BombState ready(int id, float x, float y) {
        return new BombState(id, x, y, Phase.READY, 0, -1);
    }
}
