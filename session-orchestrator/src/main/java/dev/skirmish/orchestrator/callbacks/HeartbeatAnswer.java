package dev.skirmish.orchestrator.callbacks;

import java.util.List;

/** The body of a 200 heartbeat answer: in-game names to disconnect with KICKED and refuse for the rest of the match. */
public record HeartbeatAnswer(List<String> kick) {
}
