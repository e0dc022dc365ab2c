package dev.skirmish.simulation;

import java.util.List;

/** The world after one step and what happened during it, in order. */
public record StepResult(MatchState state, List<GameEvent> events) {
    public StepResult {
        events = List.copyOf(events);
    }
}
