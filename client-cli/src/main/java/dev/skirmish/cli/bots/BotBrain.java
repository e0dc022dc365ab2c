package dev.skirmish.cli.bots;

import dev.skirmish.cli.render.ArenaView;
import dev.skirmish.cli.render.ArenaView.Fighter;
import dev.skirmish.simulation.ArenaMap;
import dev.skirmish.simulation.PlayerInput;
import dev.skirmish.simulation.Rules;

/**
 * A simple but real opponent: walk toward the nearest living enemy, jump at walls, when stuck or when the enemy is
 * above; sword when close, pistol when level and in range. Buttons are pressed on every other tick so that the
 * simulation sees new presses. One brain per bot; not thread-safe.
 */
public final class BotBrain {
    private int ticks;
    private float lastX = Float.NaN;
    private int stuckTicks;

    public int decide(ArenaView view) {
        ticks++;
        Fighter me = view.fighters().stream().filter(Fighter::self).findFirst().orElse(null);
        if (me == null || !me.alive() || view.phase() != 1) {
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
        if (target == null) {
            return wander(view.map(), me);
        }
        float dx = target.x() - me.x();
        float dy = target.y() - me.y();
        int toward = dx < 0 ? PlayerInput.LEFT : PlayerInput.RIGHT;
        boolean tap = ticks % 2 == 0;
        int buttons = 0;
        if (Math.abs(dx) <= Rules.SWORD_REACH + Rules.PLAYER_HALF_WIDTH && Math.abs(dy) <= Rules.SWORD_HALF_HEIGHT) {
            // face the enemy without walking through it, then swing
            buttons |= facing(me) == toward ? 0 : toward;
            return buttons | (tap ? PlayerInput.SWORD : 0);
        }
        buttons |= toward;
        if (Math.abs(dy) <= Rules.PLAYER_HALF_HEIGHT && Math.abs(dx) <= Rules.PISTOL_RANGE && facing(me) == toward && tap) {
            buttons |= PlayerInput.PISTOL;
        }
        if (wallAhead(view.map(), me, toward) || stuckTicks > 20 || (dy < -Rules.TILE_SIZE && ticks % 30 == 0)) {
            buttons |= PlayerInput.JUMP;
        }
        return buttons;
    }

    private int wander(ArenaMap map, Fighter me) {
        int dir = (ticks / 180) % 2 == 0 ? PlayerInput.RIGHT : PlayerInput.LEFT;
        return dir | (wallAhead(map, me, dir) || stuckTicks > 20 ? PlayerInput.JUMP : 0);
    }

    private static int facing(Fighter me) {
        return me.facingLeft() ? PlayerInput.LEFT : PlayerInput.RIGHT;
    }

    static boolean wallAhead(ArenaMap map, Fighter me, int dir) {
        float probe = me.x() + (dir == PlayerInput.LEFT ? -1 : 1) * (Rules.PLAYER_HALF_WIDTH + 6);
        return map.isSolidAt(probe, me.y());
    }
}
