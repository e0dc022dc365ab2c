package dev.skirmish.simulation;

/**
 * Bomb spawners: a ready bomb is lit by a touch or a hit, explodes after its fuse hurting everyone in its
 * radius (credited to the lighter, and lighting ready bombs nearby), and its spawner makes a new one 5–15 s
 * (drawn from the match PRNG) after it is gone.
 */
final class Bombs {
    private Bombs() {
    }

    /** Spawn timers and lighting by touch, then fuses. */
    static void tick(World w) {
        for (int i = 0; i < w.bombs.length; i++) {
            BombState b = w.bombs[i];
            if (b.phase() == BombState.Phase.ABSENT) {
                int left = b.timer() - 1;
                if (left <= 0) {
                    w.bombs[i] = BombState.ready(b.id(), b.x(), b.y());
                    w.emit(new GameEvent.BombSpawned(w.tick, b.id()));
                } else {
                    w.bombs[i] = new BombState(b.id(), b.x(), b.y(), BombState.Phase.ABSENT, left, -1);
                }
            }
        }
        for (int i = 0; i < w.bombs.length; i++) {
            for (Fighter f : w.fighters) {
                if (f.active() && overlaps(w.bombs[i], f.left(), f.top(), f.right(), f.bottom())) {
                    light(w, i, f.id);
                }
            }
        }
    }

    /** Burns fuses; separate from {@link #tick} so a bomb lit this tick by a weapon also waits its full fuse. */
    static void burnFuses(World w) {
        for (int i = 0; i < w.bombs.length; i++) {
            BombState b = w.bombs[i];
            if (b.phase() == BombState.Phase.LIT) {
                int left = b.timer() - 1;
                if (left <= 0) {
                    explode(w, i);
                } else {
                    w.bombs[i] = new BombState(b.id(), b.x(), b.y(), BombState.Phase.LIT, left, b.lighter());
                }
            }
        }
    }

    /** Lights a ready bomb (no-op for an absent or already lit one). */
    static void light(World w, int index, int playerId) {
        BombState b = w.bombs[index];
        if (b.phase() != BombState.Phase.READY) {
            return;
        }
        w.bombs[index] = new BombState(b.id(), b.x(), b.y(), BombState.Phase.LIT,
                w.config.ticks(Rules.BOMB_FUSE_SECONDS) + 1, playerId);
        w.emit(new GameEvent.BombLit(w.tick, b.id(), playerId));
    }

    private static void explode(World w, int index) {
        BombState b = w.bombs[index];
        int respawn = w.rng.nextInt(w.config.ticks(Rules.BOMB_RESPAWN_MIN_SECONDS),
                w.config.ticks(Rules.BOMB_RESPAWN_MAX_SECONDS));
        w.bombs[index] = new BombState(b.id(), b.x(), b.y(), BombState.Phase.ABSENT, respawn, -1);
        w.emit(new GameEvent.BombExploded(w.tick, b.id(), b.x(), b.y()));
        for (Fighter f : w.fighters) {
            if (inBlast(b, f)) {
                Damage.hit(w, b.lighter(), f, Weapon.BOMB, Rules.BOMB_DAMAGE);
            }
        }
        for (int i = 0; i < w.bombs.length; i++) {
            BombState other = w.bombs[i];
            if (i != index && other.phase() == BombState.Phase.READY
                    && distanceSq(b.x(), b.y(), other.x(), other.y()) <= Rules.BOMB_RADIUS * Rules.BOMB_RADIUS) {
                light(w, i, b.lighter());
            }
        }
    }

    /** Within the blast radius of the bomb's centre, measured to the nearest point of the player's box. */
    static boolean inBlast(BombState b, Fighter f) {
        float nx = Math.clamp(b.x(), f.left(), f.right());
        float ny = Math.clamp(b.y(), f.top(), f.bottom());
        return distanceSq(b.x(), b.y(), nx, ny) <= Rules.BOMB_RADIUS * Rules.BOMB_RADIUS;
    }

    static boolean overlaps(BombState b, float l, float t, float r, float bottom) {
        float h = Rules.BOMB_HALF_SIZE;
        return b.phase() == BombState.Phase.READY && b.x() - h < r && b.x() + h > l && b.y() - h < bottom
                && b.y() + h > t;
    }

    private static float distanceSq(float x1, float y1, float x2, float y2) {
        float dx = x1 - x2;
        float dy = y1 - y2;
        return dx * dx + dy * dy;
    }
}
