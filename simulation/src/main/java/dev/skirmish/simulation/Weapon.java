package dev.skirmish.simulation;

/** What dealt a hit. */
public enum Weapon {
    SWORD,
    PISTOL,
    BOMB
}
