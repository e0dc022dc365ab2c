package dev.skirmish.simulation;

/** Mutable working copy of a {@link PlayerState} inside one step; never escapes {@link Simulation}. */
final class Fighter {
    final int id;
    final String name;
    float x;
    float y;
    float vx;
    float vy;
    boolean facingLeft;
    boolean grounded;
    int hearts;
    boolean alive;
    int respawnTicks;
    int invulnerableTicks;
    int swordStage;
    int swordTicks;
    boolean swordChained;
    int pistolCooldown;
    int shotTicks;
    int kills;
    int deaths;
    int damageDealt;
    boolean connected;
    int lastInputSequence;
    int lastButtons;

    Fighter(PlayerState p) {
        id = p.id();
        name = p.name();
        x = p.x();
        y = p.y();
        vx = p.vx();
        vy = p.vy();
        facingLeft = p.facingLeft();
        grounded = p.grounded();
        hearts = p.hearts();
        alive = p.alive();
        respawnTicks = p.respawnTicks();
        invulnerableTicks = p.invulnerableTicks();
        swordStage = p.swordStage();
        swordTicks = p.swordTicks();
        swordChained = p.swordChained();
        pistolCooldown = p.pistolCooldown();
        shotTicks = p.shotTicks();
        kills = p.kills();
        deaths = p.deaths();
        damageDealt = p.damageDealt();
        connected = p.connected();
        lastInputSequence = p.lastInputSequence();
        lastButtons = p.lastButtons();
    }

    PlayerState freeze() {
        return new PlayerState(id, name, x, y, vx, vy, facingLeft, grounded, hearts, alive, respawnTicks,
                invulnerableTicks, swordStage, swordTicks, swordChained, pistolCooldown, shotTicks, kills, deaths,
                damageDealt, connected, lastInputSequence, lastButtons);
    }

    boolean active() {
        return connected && alive;
    }

    /** Can be hurt now: in play and not spawn-protected. */
    boolean vulnerable() {
        return active() && invulnerableTicks == 0;
    }

    int facing() {
        return facingLeft ? -1 : 1;
    }

    float left() {
        return x - Rules.PLAYER_HALF_WIDTH;
    }

    float right() {
        return x + Rules.PLAYER_HALF_WIDTH;
    }

    float top() {
        return y - Rules.PLAYER_HALF_HEIGHT;
    }

    float bottom() {
        return y + Rules.PLAYER_HALF_HEIGHT;
    }

    /** Whether this player's box overlaps the box (left, top)–(right, bottom). */
    boolean overlaps(float l, float t, float r, float b) {
        return left() < r && right() > l && top() < b && bottom() > t;
    }
}
