package dev.skirmish.simulation;

/** Heart spawners: +1 heart to a hurt player touching one; it comes back 15 s after it was taken. */
final class Pickups {
    private Pickups() {
    }

    static void tick(World w) {
        for (int i = 0; i < w.hearts.length; i++) {
            HeartPickup h = w.hearts[i];
            if (!h.available()) {
                int left = h.respawnTicks() - 1;
                w.hearts[i] = new HeartPickup(h.id(), h.x(), h.y(), left <= 0, Math.max(0, left));
            }
        }
        for (int i = 0; i < w.hearts.length; i++) {
            HeartPickup h = w.hearts[i];
            if (!h.available()) {
                continue;
            }
            float s = Rules.PICKUP_HALF_SIZE;
            // lowest id first: ties between two players touching it on the same tick are deterministic
            for (Fighter f : w.fighters) {
                if (f.active() && f.hearts < Rules.MAX_HEARTS && f.overlaps(h.x() - s, h.y() - s, h.x() + s, h.y() + s)) {
                    f.hearts++;
                    w.hearts[i] = new HeartPickup(h.id(), h.x(), h.y(), false,
                            w.config.ticks(Rules.HEART_RESPAWN_SECONDS));
                    w.emit(new GameEvent.HeartPicked(w.tick, f.id, h.id()));
                    break;
                }
            }
        }
    }
}
