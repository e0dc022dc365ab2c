package dev.skirmish.simulation;

/**
 * Every tuning constant of the arena game in one place. Durations are in seconds and converted to ticks
 * with {@link #ticks(double, int)} so that the rules stay the same at any tick rate.
 */
public final class Rules {
    private Rules() {
    }

    /** Side of a map tile in pixels. */
    public static final int TILE_SIZE = 32;
    /** Largest number of players in one match (ids 0..63). */
    public static final int MAX_PLAYERS = 64;

    // --- movement (pixels, seconds) ---
    public static final float GRAVITY = 1500f;
    public static final float RUN_SPEED = 250f;
    /** Negative = up (screen coordinates: y grows downwards). */
    public static final float JUMP_VELOCITY = -550f;
    /** Terminal fall speed, so a long fall cannot tunnel through a floor. */
    public static final float MAX_FALL_SPEED = 900f;
    /** Player hitbox; a player's x/y is the centre of this box. */
    public static final float PLAYER_HALF_WIDTH = 10f;
    public static final float PLAYER_HALF_HEIGHT = 14f;
    /** Movement is swept in sub-steps no longer than this, so low tick rates do not tunnel through tiles. */
    public static final float MAX_SUBSTEP_PX = 8f;

    // --- hearts ---
    public static final int MAX_HEARTS = 3;
    public static final double HEART_RESPAWN_SECONDS = 15.0;
    public static final float PICKUP_HALF_SIZE = 8f;

    // --- sword ---
    public static final int SWORD_DAMAGE = 1;
    public static final int SWORD_COMBO_HITS = 3;
    /** Length of one combo hit; pressing sword again before it ends chains the next hit. */
    public static final double SWORD_HIT_SECONDS = 0.25;
    /** Reach of the melee box in front of the player's front edge. */
    public static final float SWORD_REACH = 28f;
    /** The melee box is a bit taller than the player, so a hit lands on someone a little higher or lower. */
    public static final float SWORD_HALF_HEIGHT = 18f;

    // --- pistol ---
    public static final int PISTOL_DAMAGE = 2;
    public static final float PISTOL_RANGE = 300f;
    public static final double PISTOL_COOLDOWN_SECONDS = 0.5;
    /** How long a shot shows as the "shooting" action in snapshots. */
    public static final double PISTOL_SHOW_SECONDS = 0.15;

    // --- bombs ---
    public static final int BOMB_DAMAGE = 2;
    public static final float BOMB_RADIUS = 64f;
    public static final float BOMB_HALF_SIZE = 8f;
    public static final double BOMB_FUSE_SECONDS = 2.0;
    public static final double BOMB_RESPAWN_MIN_SECONDS = 5.0;
    public static final double BOMB_RESPAWN_MAX_SECONDS = 15.0;

    // --- death and respawn ---
    public static final double RESPAWN_SECONDS = 2.0;
    public static final double SPAWN_INVULNERABLE_SECONDS = 1.0;
    /** A respawn avoids the markers used by the last this-many spawns. */
    public static final int RECENT_MARKERS = 7;

    /** Whole ticks for a duration, at least one tick for any positive duration. */
    public static int ticks(double seconds, int tickRate) {
        if (seconds <= 0) {
            return 0;
        }
        return Math.max(1, (int) Math.round(seconds * tickRate));
    }
}
