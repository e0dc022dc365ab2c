package dev.skirmish.simulation;

import java.util.Map;
import java.util.Objects;

/**
 * The arena game as a pure deterministic step: {@code (state, inputs) -> (state, events)}. No I/O, no clock, no
 * shared randomness: the same state and inputs always give the same result, on the server and in a client's
 * prediction alike.
 */
public final class Simulation {
    private Simulation() {
    }

    /**
     * Advances the match by one tick. {@code inputs} maps player id to that player's input for this tick; a
     * player without one presses nothing. Inputs for unknown or disconnected players are ignored.
     * WAITING: players only move; RUNNING: the whole game; ENDED: only the tick advances.
     */
    public static StepResult step(MatchState state, Map<Integer, PlayerInput> inputs) {
        World w = World.of(Objects.requireNonNull(state, "state"));
        w.tick = state.tick() + 1;
        if (w.phase == MatchPhase.ENDED) {
            return new StepResult(w.freeze(), w.events);
        }
        PlayerInput[] in = inputsOf(w, inputs == null ? Map.of() : inputs);
        boolean running = w.running();
        if (running) {
            Respawns.tick(w);
            Pickups.tick(w);
        }
        for (Fighter f : w.fighters) {
            if (f.active()) {
                Movement.move(w, f, in[f.id]);
            }
        }
        if (running) {
            for (Fighter f : w.fighters) {
                if (f.active()) {
                    Combat.act(w, f, in[f.id]);
                }
            }
            Bombs.tick(w);
            Bombs.burnFuses(w);
        }
        for (Fighter f : w.fighters) {
            if (f.active() && !Movement.insideMap(w.map, f)) {
                fellOut(w, f, running);
            }
            if (f.connected) {
                f.lastButtons = in[f.id].bits();
            }
        }
        boolean ended = MatchClock.tick(w);
        MatchState next = w.freeze();
        if (ended) {
            w.emit(new GameEvent.MatchEnded(w.tick, MatchResult.of(next).winner()));
        }
        return new StepResult(next, w.events);
    }

    private static PlayerInput[] inputsOf(World w, Map<Integer, PlayerInput> inputs) {
        PlayerInput[] in = new PlayerInput[w.fighters.length];
        for (Fighter f : w.fighters) {
            PlayerInput i = f.connected ? inputs.get(f.id) : null;
            in[f.id] = i == null ? PlayerInput.NONE : i;
            if (i != null) {
                f.lastInputSequence = i.sequence();
            }
        }
        return in;
    }

    /** A player outside the map (only possible from a corrupt state): dies while running, else just respawns. */
    private static void fellOut(World w, Fighter f, boolean running) {
        if (running) {
            Damage.die(w, f, -1);
        } else {
            Respawns.spawn(w, f, true);
        }
    }
}
