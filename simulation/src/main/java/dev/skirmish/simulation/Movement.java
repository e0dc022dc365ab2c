package dev.skirmish.simulation;

/**
 * Running, jumping, gravity and tile collision. Axis-separated (x first, then y) and swept in short sub-steps,
 * so a player never ends inside a solid tile whatever the tick rate.
 */
final class Movement {
    private Movement() {
    }

    static void move(World w, Fighter f, PlayerInput in) {
        float dt = w.config.dt();
        int dir = in.direction();
        f.vx = dir * Rules.RUN_SPEED;
        if (dir != 0) {
            f.facingLeft = dir < 0;
        }
        if (in.jump() && f.grounded) {
            f.vy = Rules.JUMP_VELOCITY;
        }
        f.vy = Math.min(f.vy + Rules.GRAVITY * dt, Rules.MAX_FALL_SPEED);
        moveX(w.map, f, f.vx * dt);
        moveY(w.map, f, f.vy * dt);
        f.grounded = standing(w.map, f);
        if (f.grounded && f.vy > 0) {
            f.vy = 0;
        }
    }

    static void moveX(ArenaMap map, Fighter f, float dx) {
        int steps = (int) Math.ceil(Math.abs(dx) / Rules.MAX_SUBSTEP_PX);
        float step = steps == 0 ? 0 : dx / steps;
        for (int i = 0; i < steps; i++) {
            float nx = f.x + step;
            if (!map.overlapsSolid(nx - Rules.PLAYER_HALF_WIDTH, f.top(), nx + Rules.PLAYER_HALF_WIDTH, f.bottom())) {
                f.x = nx;
                continue;
            }
            if (step > 0) {
                int col = ArenaMap.tileOf(Math.nextDown(nx + Rules.PLAYER_HALF_WIDTH));
                f.x = col * (float) Rules.TILE_SIZE - Rules.PLAYER_HALF_WIDTH;
            } else {
                int col = ArenaMap.tileOf(nx - Rules.PLAYER_HALF_WIDTH);
                f.x = (col + 1) * (float) Rules.TILE_SIZE + Rules.PLAYER_HALF_WIDTH;
            }
            f.vx = 0;
            return;
        }
    }

    static void moveY(ArenaMap map, Fighter f, float dy) {
        int steps = (int) Math.ceil(Math.abs(dy) / Rules.MAX_SUBSTEP_PX);
        float step = steps == 0 ? 0 : dy / steps;
        for (int i = 0; i < steps; i++) {
            float ny = f.y + step;
            if (!map.overlapsSolid(f.left(), ny - Rules.PLAYER_HALF_HEIGHT, f.right(), ny + Rules.PLAYER_HALF_HEIGHT)) {
                f.y = ny;
                continue;
            }
            if (step > 0) {
                int row = ArenaMap.tileOf(Math.nextDown(ny + Rules.PLAYER_HALF_HEIGHT));
                f.y = row * (float) Rules.TILE_SIZE - Rules.PLAYER_HALF_HEIGHT;
            } else {
                int row = ArenaMap.tileOf(ny - Rules.PLAYER_HALF_HEIGHT);
                f.y = (row + 1) * (float) Rules.TILE_SIZE + Rules.PLAYER_HALF_HEIGHT;
            }
            f.vy = 0;
            return;
        }
    }

    /** Solid ground right under the player's feet. */
    static boolean standing(ArenaMap map, Fighter f) {
        return map.overlapsSolid(f.left(), f.bottom(), f.right(), f.bottom() + 1f);
    }

    /** Whether the player's position is a real point inside the map (a safety net: the edges are solid). */
    static boolean insideMap(ArenaMap map, Fighter f) {
        return Float.isFinite(f.x) && Float.isFinite(f.y) && Float.isFinite(f.vx) && Float.isFinite(f.vy)
                && f.left() >= 0 && f.top() >= 0 && f.right() <= map.pixelWidth() && f.bottom() <= map.pixelHeight();
    }
}
