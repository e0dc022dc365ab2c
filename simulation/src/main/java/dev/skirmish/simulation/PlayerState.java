package dev.skirmish.simulation;

/**
 * One player at one tick. Position is the centre of the hitbox in pixels; velocity in pixels per second.
 *
 * @param id                player id 0..63 (index in the match's player list, stable for the match)
 * @param facingLeft        looking left (else right): where the sword and pistol point
 * @param hearts            0..{@value Rules#MAX_HEARTS}
 * @param respawnTicks      while dead, ticks until respawn
 * @param invulnerableTicks ticks of spawn protection left
 * @param swordStage        0 idle, 1..3 current hit of the combo
 * @param swordTicks        ticks left in the current combo hit
 * @param swordChained      the next combo hit was requested during this one
 * @param pistolCooldown    ticks until the pistol can fire again
 * @param shotTicks         ticks the last shot still shows (snapshot action "shooting")
 * @param connected         whether the player's client is connected; a disconnected player is frozen and
 *                          untouchable but keeps slot and score
 * @param lastInputSequence sequence of the last input applied to this player (0 = none)
 * @param lastButtons       buttons of the last applied input, to detect new presses
 */
public record PlayerState(
        int id,
        String name,
        float x,
        float y,
        float vx,
        float vy,
        boolean facingLeft,
        boolean grounded,
        int hearts,
        boolean alive,
        int respawnTicks,
        int invulnerableTicks,
        int swordStage,
        int swordTicks,
        boolean swordChained,
        int pistolCooldown,
        int shotTicks,
        int kills,
        int deaths,
        int damageDealt,
        boolean connected,
        int lastInputSequence,
        int lastButtons) {

    /** Snapshot action: 0 idle, 1-3 sword combo hit, 4 shooting. */
    public int action() {
        if (swordStage > 0) {
            return swordStage;
        }
        return shotTicks > 0 ? 4 : 0;
    }

    /** Ticks left of {@link #action()}. */
    public int actionTicks() {
        if (swordStage > 0) {
            return swordTicks;
        }
        return shotTicks;
    }

    /** -1 facing left, +1 facing right. */
    public int facing() {
        return facingLeft ? -1 : 1;
    }

    /** Whether the player takes part in the game this tick (connected and alive). */
    public boolean active() {
        return connected && alive;
    }

    public PlayerState withConnected(boolean value) {
        return new PlayerState(id, name, x, y, vx, vy, facingLeft, grounded, hearts, alive, respawnTicks,
                invulnerableTicks, swordStage, swordTicks, swordChained, pistolCooldown, shotTicks, kills, deaths,
                damageDealt, value, lastInputSequence, value ? lastButtons : 0);
    }
}
