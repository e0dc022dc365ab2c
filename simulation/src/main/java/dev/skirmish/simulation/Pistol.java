package dev.skirmish.simulation;

/**
 * The pistol: an instant horizontal ray from the muzzle (front edge of the player, at its centre height) in the
 * facing direction. It stops at the first solid tile, the first player in play, or full range; it lights
 * ready bombs it passes on the way.
 */
final class Pistol {
    private Pistol() {
    }

    static void fire(World w, Fighter f) {
        f.pistolCooldown = w.config.ticks(Rules.PISTOL_COOLDOWN_SECONDS);
        f.shotTicks = w.config.ticks(Rules.PISTOL_SHOW_SECONDS);
        int dir = f.facing();
        float fromX = dir > 0 ? f.right() : f.left();
        float fromY = f.y;
        float reach = wallDistance(w.map, fromX, fromY, dir, Rules.PISTOL_RANGE);

        Fighter target = null;
        for (Fighter v : w.fighters) {
            if (v == f || !v.active() || !(v.top() < fromY && v.bottom() > fromY)) {
                continue;
            }
            float d = distanceAlong(fromX, dir, v.left(), v.right());
            if (d >= 0 && d <= reach && (target == null || d < distanceAlong(fromX, dir, target.left(), target.right()))) {
                target = v;
            }
        }
        if (target != null) {
            reach = distanceAlong(fromX, dir, target.left(), target.right());
        }
        for (int i = 0; i < w.bombs.length; i++) {
            BombState b = w.bombs[i];
            float h = Rules.BOMB_HALF_SIZE;
            if (b.phase() == BombState.Phase.READY && b.y() - h < fromY && b.y() + h > fromY) {
                float d = distanceAlong(fromX, dir, b.x() - h, b.x() + h);
                if (d >= 0 && d <= reach) {
                    Bombs.light(w, i, f.id);
                }
            }
        }
        w.emit(new GameEvent.PistolShot(w.tick, f.id, fromX, fromY, fromX + dir * reach, fromY));
        if (target != null) {
            Damage.hit(w, f.id, target, Weapon.PISTOL, Rules.PISTOL_DAMAGE);
        }
    }

    /** Distance from the muzzle to a box [left, right) ahead of it, 0 if the muzzle is inside, -1 if behind. */
    static float distanceAlong(float fromX, int dir, float left, float right) {
        if (dir > 0) {
            return right <= fromX ? -1 : Math.max(0, left - fromX);
        }
        return left >= fromX ? -1 : Math.max(0, fromX - right);
    }

    /** Distance from (x, y) to the first solid tile in direction {@code dir}, at most {@code range}. */
    static float wallDistance(ArenaMap map, float x, float y, int dir, float range) {
        int row = ArenaMap.tileOf(y);
        int size = Rules.TILE_SIZE;
        if (dir > 0) {
            for (int col = ArenaMap.tileOf(x); ; col++) {
                float d = Math.max(0, col * (float) size - x);
                if (d >= range) {
                    return range;
                }
                if (map.isSolid(col, row)) {
                    return d;
                }
            }
        }
        for (int col = ArenaMap.tileOf(Math.nextDown(x)); ; col--) {
            float d = Math.max(0, x - (col + 1) * (float) size);
            if (d >= range) {
                return range;
            }
            if (map.isSolid(col, row)) {
                return d;
            }
        }
    }
}
