package dev.skirmish.cli.bots;

import dev.skirmish.cli.render.ArenaView;
import dev.skirmish.cli.render.ArenaView.Fighter;
import dev.skirmish.simulation.ArenaMap;
import dev.skirmish.simulation.PlayerInput;
import dev.skirmish.simulation.Rules;

/**
 * A simple but real opponent: goes for the nearest living enemy along the map's platforms ({@link ArenaRoutes}:
 * walks, drops and jumps that the simulation itself showed to land where planned), swings the sword when close and
 * fires the pistol when level, in range and with no wall between. Without a route (a map it cannot plan on) it
 * walks straight at the enemy and jumps at walls, as bots did before. Buttons are pressed on every other tick so
 * that the simulation sees new presses. One brain per bot; not thread-safe.
 */
public final class BotBrain {
    private int ticks;
    private float lastX = Float.NaN;
    private int stuckTicks;
    private ArenaRoutes routes;
    /** The move being replayed (jumps and drops run to the end once started), or null. */
    private ArenaRoutes.Move move;
    private int moveTick;

    public int decide(ArenaView view) {
        ticks++;
        Fighter me = view.fighters().stream().filter(Fighter::self).findFirst().orElse(null);
        if (me == null || !me.alive() || view.phase() != 1) {
            move = null;
            return 0;
        }
        Fighter target = null;
        float best = Float.MAX_VALUE;
        for (Fighter f : view.fighters()) {
            if (f.self() || !f.alive() || !f.connected()) {
                continue;
            }
            float d = Math.abs(f.x() - me.x()) + Math.abs(f.y() - me.y());
            if (d < best) {
                best = d;
                target = f;
            }
        }
        stuckTicks = Math.abs(me.x() - lastX) < 0.5f ? stuckTicks + 1 : 0;
        lastX = me.x();
        if (move != null) {
            if (moveTick < move.buttons().length) {
                return move.buttons()[moveTick++];
            }
            move = null;
        }
        if (target == null) {
            return wander(view.map(), me);
        }
        float dx = target.x() - me.x();
        float dy = target.y() - me.y();
        int toward = dx < 0 ? PlayerInput.LEFT : PlayerInput.RIGHT;
        boolean tap = ticks % 2 == 0;
        if (Math.abs(dx) <= Rules.SWORD_REACH + Rules.PLAYER_HALF_WIDTH && Math.abs(dy) <= Rules.SWORD_HALF_HEIGHT) {
            if (Math.abs(dx) < 1) {
                // right on top of it (both pinned to a wall, say): the sword reaches from the front edge, so step
                // aside, away from the wall, and turn back
                return wallAhead(view.map(), me, PlayerInput.LEFT) ? PlayerInput.RIGHT : PlayerInput.LEFT;
            }
            if (facing(me) != toward && Math.abs(dx) < Rules.PLAYER_HALF_WIDTH + 5 && !wallAhead(view.map(), me, facing(me))) {
                // too close to turn: a turning step would carry it past the enemy (facing away again), so back off
                return facing(me);
            }
            // face the enemy without walking through it, then swing
            int buttons = facing(me) == toward ? 0 : toward;
            return buttons | (tap ? PlayerInput.SWORD : 0);
        }
        if (Math.abs(dy) <= Rules.PLAYER_HALF_HEIGHT && Math.abs(dx) <= Rules.PISTOL_RANGE && clearShot(view.map(), me, target)) {
            return toward | (facing(me) == toward && tap ? PlayerInput.PISTOL : 0);
        }
        int planned = follow(view.map(), me, target);
        if (planned >= 0) {
            return planned;
        }
        int buttons = toward;
        if (wallAhead(view.map(), me, toward) || stuckTicks > 20 || (dy < -Rules.TILE_SIZE && ticks % 30 == 0)) {
            buttons |= PlayerInput.JUMP;
        }
        return buttons;
    }

    /** The buttons for the next step of a route to the target, or -1 where there is none (then walk straight). */
    private int follow(ArenaMap map, Fighter me, Fighter target) {
        if (routes == null) {
            routes = ArenaRoutes.ifBuilt(map);
            if (routes == null) {
                return -1;
            }
        }
        int from = standingOn(map, me);
        int to = routes.nodeBelow(target.x(), target.y());
        if (from < 0 || to < 0) {
            // in the air (the end of a move, a fall) or the target above nothing: steer at it, the landing replans
            return -1;
        }
        if (from == to) {
            return -1;
        }
        ArenaRoutes.Move next = routes.next(from, to);
        if (next == null) {
            return -1;
        }
        int dir = routes.centreX(next.to()) < me.x() ? PlayerInput.LEFT : PlayerInput.RIGHT;
        if (next.walk() && Math.abs(routes.centreX(next.to()) - routes.centreX(from)) <= Rules.TILE_SIZE) {
            return dir;
        }
        float off = routes.centreX(from) - me.x();
        if (Math.abs(off) > ArenaRoutes.CENTRE_SLACK) {
            // a jump or a drop is only sure from the tile's centre: get there first
            return off < 0 ? PlayerInput.LEFT : PlayerInput.RIGHT;
        }
        move = next;
        moveTick = 1;
        return next.buttons()[0];
    }

    /**
     * The route node of the tile a fighter stands in: the one under its centre, else (its centre hangs over a
     * ledge) the one under its feet's other end; -1 in the air.
     */
    private int standingOn(ArenaMap map, Fighter me) {
        float feet = me.y() + Rules.PLAYER_HALF_HEIGHT;
        float left = me.x() - Rules.PLAYER_HALF_WIDTH + 1;
        float right = me.x() + Rules.PLAYER_HALF_WIDTH - 1;
        boolean onFloor = Math.abs(feet - Math.round(feet / Rules.TILE_SIZE) * Rules.TILE_SIZE) < 1
                && (map.isSolidAt(left, feet + 1) || map.isSolidAt(right, feet + 1));
        if (!onFloor) {
            return -1;
        }
        int node = routes.nodeAt(me.x(), me.y());
        if (node < 0) {
            node = routes.nodeAt(left, me.y());
        }
        return node >= 0 ? node : routes.nodeAt(right, me.y());
    }

    private int wander(ArenaMap map, Fighter me) {
        int dir = (ticks / 180) % 2 == 0 ? PlayerInput.RIGHT : PlayerInput.LEFT;
        return dir | (wallAhead(map, me, dir) || stuckTicks > 20 ? PlayerInput.JUMP : 0);
    }

    private static int facing(Fighter me) {
        return me.facingLeft() ? PlayerInput.LEFT : PlayerInput.RIGHT;
    }

    /** No solid tile on the row of the shooter's centre between it and the target (the pistol stops at walls). */
    private static boolean clearShot(ArenaMap map, Fighter me, Fighter target) {
        float step = Rules.TILE_SIZE / 2f * Math.signum(target.x() - me.x());
        for (float x = me.x(); step != 0 && Math.abs(target.x() - x) > Math.abs(step); x += step) {
            if (map.isSolidAt(x, me.y())) {
                return false;
            }
        }
        return true;
    }

    static boolean wallAhead(ArenaMap map, Fighter me, int dir) {
        float probe = me.x() + (dir == PlayerInput.LEFT ? -1 : 1) * (Rules.PLAYER_HALF_WIDTH + 6);
        return map.isSolidAt(probe, me.y());
    }
}
