package dev.skirmish.lobby.rooms;

/** The start countdown of a room ran out without being cancelled; the match starter takes it from here. */
public record CountdownFinished(String roomId, long countdownId) {
}
