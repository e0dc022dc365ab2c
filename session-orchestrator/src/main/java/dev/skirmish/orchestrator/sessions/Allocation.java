package dev.skirmish.orchestrator.sessions;

import java.util.List;

/** What a warm server receives from its allocation long poll. */
public record Allocation(List<String> players, int matchSeconds) {
}
