package dev.skirmish.simulation;

/** Phase of the match clock. Ordinals match the snapshot's `phase` field (0 waiting, 1 running, 2 ended). */
public enum MatchPhase {
    /** Players may run around; no damage, no pickups, clock stopped. The server calls {@link MatchState#start()}. */
    WAITING,
    RUNNING,
    ENDED
}
