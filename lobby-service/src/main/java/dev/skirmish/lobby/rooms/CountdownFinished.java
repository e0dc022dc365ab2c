package dev.skirmish.lobby.rooms;

/**
 * The start countdown of a room ran out without being cancelled; the match starter takes it from here.
 *
 * @param traceparent the trace of the start request that began the countdown (its launch continues it), or null:
 *                    the launch starts a new trace
 */
public record CountdownFinished(String roomId, long countdownId, String traceparent) {
}
