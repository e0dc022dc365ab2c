package dev.skirmish.simulation;

/** Something that happened during a step; every event carries the tick it happened at (the new state's tick). */
public sealed interface GameEvent {
    int tick();

    /** {@code damage} is the hearts actually taken (≤ the weapon's damage). */
    record Hit(int tick, int attacker, int victim, Weapon weapon, int damage) implements GameEvent {
    }

    /** {@code killer} is -1 for a self kill (own bomb) or a fall out of the map. */
    record Death(int tick, int victim, int killer) implements GameEvent {
    }

    /** {@code marker} is the index in {@link ArenaMap#spawnMarkers()}. */
    record Respawn(int tick, int player, int marker) implements GameEvent {
    }

    record HeartPicked(int tick, int player, int spawner) implements GameEvent {
    }

    record BombSpawned(int tick, int id) implements GameEvent {
    }

    record BombLit(int tick, int id, int player) implements GameEvent {
    }

    record BombExploded(int tick, int id, float x, float y) implements GameEvent {
    }

    /** The ray from the muzzle to where it stopped (a player, a bomb, a wall, or full range). */
    record PistolShot(int tick, int player, float fromX, float fromY, float toX, float toY) implements GameEvent {
    }

    /** {@code winner} is -1 for a draw. */
    record MatchEnded(int tick, int winner) implements GameEvent {
    }
}
