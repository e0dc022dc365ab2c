package dev.skirmish.gameserver.bench;

import dev.skirmish.protocol.snapshot.MatchStateSnapshots;
import dev.skirmish.protocol.snapshot.PlayerSnapshot;
import dev.skirmish.protocol.snapshot.Quantize;
import dev.skirmish.protocol.snapshot.WorldSnapshot;
import dev.skirmish.simulation.MatchState;
import dev.skirmish.simulation.PlayerInput;
import dev.skirmish.simulation.PlayerState;
import dev.skirmish.simulation.Simulation;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * Not a test: client prediction as client-cli's {@code Prediction} does it (step the own player at once,
 * reconcile to each snapshot and replay the unapplied inputs), plus a count of corrections: snapshots in which the
 * server put the own player somewhere else than this client had predicted for the same input (more than one
 * position step, 1/8 px, off). What loss, latency and jitter cost a player. Thread-safe (inputs from the bot
 * loop, snapshots from the client's receiving thread).
 */
final class PredictionProbe {
    private static final int HISTORY = 256;
    private static final int MAX_PENDING = 120;

    private final int self;
    private final Deque<PlayerInput> pending = new ArrayDeque<>();
    private final long[] sequences = new long[HISTORY];
    private final int[] xs = new int[HISTORY];
    private final int[] ys = new int[HISTORY];
    private MatchState server;
    private MatchState predicted;
    private long corrections;
    private long checks;

    PredictionProbe(MatchState initial, int self) {
        this.self = self;
        this.server = initial;
        this.predicted = initial;
    }

    synchronized void input(long sequence, int buttons) {
        PlayerInput in = PlayerInput.fromBits((int) sequence, buttons);
        pending.addLast(in);
        while (pending.size() > MAX_PENDING) {
            pending.removeFirst();
        }
        predicted = Simulation.step(predicted, Map.of(self, in)).state();
        remember(sequence, predicted.player(self));
    }

    synchronized void snapshot(WorldSnapshot world, long tick, long lastInputSequence) {
        PlayerSnapshot me = world.players().get(self);
        int slot = (int) (lastInputSequence % HISTORY);
        if (me != null && lastInputSequence > 0 && sequences[slot] == lastInputSequence) {
            checks++;
            if (Math.abs(me.x() - xs[slot]) > 1 || Math.abs(me.y() - ys[slot]) > 1) {
                corrections++;
            }
        }
        server = MatchStateSnapshots.apply(server, world, (int) tick);
        while (!pending.isEmpty() && pending.peekFirst().sequence() <= lastInputSequence) {
            pending.removeFirst();
        }
        MatchState s = server;
        for (PlayerInput in : pending) {
            s = Simulation.step(s, Map.of(self, in)).state();
            remember(in.sequence(), s.player(self));
        }
        predicted = s;
    }

    private void remember(long sequence, PlayerState p) {
        int slot = (int) (sequence % HISTORY);
        sequences[slot] = sequence;
        xs[slot] = Quantize.position(p.x());
        ys[slot] = Quantize.position(p.y());
    }

    synchronized void resetCounts() {
        corrections = 0;
        checks = 0;
    }

    synchronized long corrections() {
        return corrections;
    }

    synchronized long checks() {
        return checks;
    }
}
