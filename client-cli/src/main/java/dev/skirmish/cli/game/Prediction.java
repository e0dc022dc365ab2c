package dev.skirmish.cli.game;

import dev.skirmish.protocol.snapshot.MatchStateSnapshots;
import dev.skirmish.protocol.snapshot.WorldSnapshot;
import dev.skirmish.simulation.MatchState;
import dev.skirmish.simulation.PlayerInput;
import dev.skirmish.simulation.Simulation;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * Client-side prediction with reconciliation: the own player moves at once with {@link Simulation#step}; each
 * snapshot resets the state to the server's and re-applies the inputs the server has not applied yet (those newer
 * than the snapshot's last-applied input sequence). Not thread-safe: the owner synchronizes.
 */
public final class Prediction {
    /** Inputs kept unacknowledged at most (2 s at 60 Hz); beyond that the server is lagging and the oldest go. */
    static final int MAX_PENDING = 120;

    private final int self;
    private final Deque<PlayerInput> pending = new ArrayDeque<>();
    private MatchState server;
    private MatchState predicted;

    public Prediction(MatchState initial, int self) {
        this.self = self;
        this.server = initial;
        this.predicted = initial;
    }

    /** One local tick: remember the input and step the predicted world with it. */
    public void input(long sequence, int buttons) {
        PlayerInput in = PlayerInput.fromBits((int) sequence, buttons);
        pending.addLast(in);
        while (pending.size() > MAX_PENDING) {
            pending.removeFirst();
        }
        predicted = Simulation.step(predicted, Map.of(self, in)).state();
    }

    /** The server's world at {@code tick}, which has applied our inputs up to {@code lastInputSequence}. */
    public void reconcile(WorldSnapshot world, long tick, long lastInputSequence) {
        server = MatchStateSnapshots.apply(server, world, (int) tick);
        while (!pending.isEmpty() && pending.peekFirst().sequence() <= lastInputSequence) {
            pending.removeFirst();
        }
        MatchState s = server;
        for (PlayerInput in : pending) {
            s = Simulation.step(s, Map.of(self, in)).state();
        }
        predicted = s;
    }

    public MatchState predicted() {
        return predicted;
    }

    public MatchState server() {
        return server;
    }

    public int pendingInputs() {
        return pending.size();
    }

    public int self() {
        return self;
    }
}
