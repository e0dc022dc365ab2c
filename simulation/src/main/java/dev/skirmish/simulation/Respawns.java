package dev.skirmish.simulation;

import java.util.ArrayList;
import java.util.List;

/** Death timers and spawning at markers, avoiding the markers of the last seven spawns. */
final class Respawns {
    private Respawns() {
    }

    /** Counts down dead players' timers and brings them back when it runs out. */
    static void tick(World w) {
        for (Fighter f : w.fighters) {
            if (f.invulnerableTicks > 0 && f.active()) {
                f.invulnerableTicks--;
            } else if (!f.alive && f.connected) {
                if (f.respawnTicks > 0) {
                    f.respawnTicks--;
                }
                if (f.respawnTicks == 0) {
                    spawn(w, f, true);
                }
            }
        }
    }

    /** Puts a player at a marker with full hearts and spawn protection. */
    static void spawn(World w, Fighter f, boolean announce) {
        int marker = pickMarker(w);
        ArenaMap.Spot spot = w.map.spawnMarkers().get(marker);
        f.x = spot.x();
        // standing on the bottom of the marker's tile
        f.y = (spot.row() + 1) * (float) Rules.TILE_SIZE - Rules.PLAYER_HALF_HEIGHT;
        f.vx = 0;
        f.vy = 0;
        f.grounded = false;
        f.hearts = Rules.MAX_HEARTS;
        f.alive = true;
        f.respawnTicks = 0;
        f.invulnerableTicks = announce ? w.config.ticks(Rules.SPAWN_INVULNERABLE_SECONDS) : 0;
        f.swordStage = 0;
        f.swordTicks = 0;
        f.swordChained = false;
        f.pistolCooldown = 0;
        f.shotTicks = 0;
        if (announce) {
            w.emit(new GameEvent.Respawn(w.tick, f.id, marker));
        }
    }

    /**
     * A random marker not among the last seven used. A map with eight markers or fewer cannot avoid seven, so
     * it avoids as many of the most recent as it can while leaving one choice.
     */
    static int pickMarker(World w) {
        int markers = w.map.spawnMarkers().size();
        int avoid = Math.min(Rules.RECENT_MARKERS, markers - 1);
        List<Integer> recent = new ArrayList<>(w.recentMarkers);
        List<Integer> blocked = recent.subList(Math.max(0, recent.size() - avoid), recent.size());
        List<Integer> candidates = new ArrayList<>(markers);
        for (int m = 0; m < markers; m++) {
            if (!blocked.contains(m)) {
                candidates.add(m);
            }
        }
        int marker = candidates.get(w.rng.nextInt(candidates.size()));
        w.recentMarkers.addLast(marker);
        while (w.recentMarkers.size() > Rules.RECENT_MARKERS) {
            w.recentMarkers.removeFirst();
        }
        return marker;
    }
}
