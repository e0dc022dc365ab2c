package dev.skirmish.simulation;

/** Hearts lost, deaths and the score that follows from them. */
final class Damage {
    private Damage() {
    }

    /**
     * Deals {@code amount} hearts to {@code victim}, credited to {@code attacker} (-1 = nobody). A player hurting
     * itself (own bomb) earns no damage and, if it dies, no kill.
     *
     * @return whether any damage was dealt
     */
    static boolean hit(World w, int attacker, Fighter victim, Weapon weapon, int amount) {
        if (!victim.vulnerable() || amount <= 0) {
            return false;
        }
        int dealt = Math.min(amount, victim.hearts);
        victim.hearts -= dealt;
        boolean byOther = attacker >= 0 && attacker != victim.id;
        if (byOther) {
            w.fighters[attacker].damageDealt += dealt;
        }
        w.emit(new GameEvent.Hit(w.tick, attacker, victim.id, weapon, dealt));
        if (victim.hearts == 0) {
            die(w, victim, byOther ? attacker : -1);
        }
        return true;
    }

    /** The victim dies now; {@code killer} -1 means no one earns a kill. */
    static void die(World w, Fighter victim, int killer) {
        victim.alive = false;
        victim.hearts = 0;
        victim.deaths++;
        victim.vx = 0;
        victim.vy = 0;
        victim.swordStage = 0;
        victim.swordTicks = 0;
        victim.swordChained = false;
        victim.shotTicks = 0;
        victim.respawnTicks = w.config.ticks(Rules.RESPAWN_SECONDS);
        if (killer >= 0) {
            w.fighters[killer].kills++;
        }
        w.emit(new GameEvent.Death(w.tick, victim.id, killer));
    }
}
