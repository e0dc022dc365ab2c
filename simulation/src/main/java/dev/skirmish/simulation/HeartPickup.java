package dev.skirmish.simulation;

/**
 * The heart of one heart spawner.
 *
 * @param id           spawner index 0..4
 * @param available    can be picked up now
 * @param respawnTicks while taken, ticks until it is back
 */
public record HeartPickup(int id, float x, float y, boolean available, int respawnTicks) {
}
