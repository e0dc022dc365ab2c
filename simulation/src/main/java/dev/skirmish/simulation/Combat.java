package dev.skirmish.simulation;

/** The sword combo and the pistol. */
final class Combat {
    private Combat() {
    }

    static void act(World w, Fighter f, PlayerInput in) {
        boolean swordPressed = in.sword() && (f.lastButtons & PlayerInput.SWORD) == 0;
        sword(w, f, swordPressed);
        if (f.shotTicks > 0) {
            f.shotTicks--;
        }
        if (f.pistolCooldown > 0) {
            f.pistolCooldown--;
        }
        if (in.pistol() && f.pistolCooldown == 0 && f.active()) {
            Pistol.fire(w, f);
        }
    }

    /** Pressing sword during hit 1 or 2 chains the next hit when the current one ends; hit 3 ends the combo. */
    static void sword(World w, Fighter f, boolean pressed) {
        if (f.swordStage > 0) {
            if (pressed && f.swordStage < Rules.SWORD_COMBO_HITS) {
                f.swordChained = true;
            }
            f.swordTicks--;
            if (f.swordTicks <= 0) {
                if (f.swordChained) {
                    startHit(w, f, f.swordStage + 1);
                } else {
                    f.swordStage = 0;
                    f.swordTicks = 0;
                }
            }
        } else if (pressed) {
            startHit(w, f, 1);
        }
    }

    /** Each combo hit strikes once, on its first tick, everyone in the melee box in front. */
    private static void startHit(World w, Fighter f, int stage) {
        f.swordStage = stage;
        f.swordTicks = w.config.ticks(Rules.SWORD_HIT_SECONDS);
        f.swordChained = false;
        float l = f.facingLeft ? f.left() - Rules.SWORD_REACH : f.right();
        float r = f.facingLeft ? f.left() : f.right() + Rules.SWORD_REACH;
        float t = f.y - Rules.SWORD_HALF_HEIGHT;
        float b = f.y + Rules.SWORD_HALF_HEIGHT;
        for (Fighter v : w.fighters) {
            if (v != f && v.overlaps(l, t, r, b)) {
                Damage.hit(w, f.id, v, Weapon.SWORD, Rules.SWORD_DAMAGE);
            }
        }
        for (int i = 0; i < w.bombs.length; i++) {
            BombState bomb = w.bombs[i];
            if (Bombs.overlaps(bomb, l, t, r, b)) {
                Bombs.light(w, i, f.id);
            }
        }
    }
}
