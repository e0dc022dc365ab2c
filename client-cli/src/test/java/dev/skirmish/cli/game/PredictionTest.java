package dev.skirmish.cli.game;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.protocol.snapshot.MatchStateSnapshots;
import dev.skirmish.simulation.ArenaMap;
import dev.skirmish.simulation.MatchConfig;
import dev.skirmish.simulation.MatchState;
import dev.skirmish.simulation.PlayerInput;
import dev.skirmish.simulation.Simulation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Prediction against a server that is the same simulation, a few inputs behind. */
class PredictionTest {
    static MatchState start() {
        MatchState s = MatchState.initial(ArenaMap.load("arena"), new MatchConfig(60, 60, 7L), List.of("alice", "bob"));
        s = s.withPlayerConnected(0, true).withPlayerConnected(1, true).start();
        // let everyone land first
        for (int i = 0; i < 60; i++) {
            s = Simulation.step(s, Map.of()).state();
        }
        return s;
    }

    @Test
    void ownInputMovesAtOnceAndReconciliationAgreesWithTheServer() {
        MatchState server = start();
        Prediction p = new Prediction(server, 0);
        float x0 = server.player(0).x();
        for (int seq = 1; seq <= 10; seq++) {
            p.input(seq, PlayerInput.RIGHT);
        }
        assertThat(p.predicted().player(0).x()).as("moved without waiting").isGreaterThan(x0 + 20);
        assertThat(p.pendingInputs()).isEqualTo(10);

        // the server has applied inputs 1..6 so far
        for (int seq = 1; seq <= 6; seq++) {
            server = Simulation.step(server, Map.of(0, PlayerInput.fromBits(seq, PlayerInput.RIGHT))).state();
        }
        p.reconcile(MatchStateSnapshots.capture(server), server.tick(), 6);
        assertThat(p.pendingInputs()).isEqualTo(4);
        for (int seq = 7; seq <= 10; seq++) {
            server = Simulation.step(server, Map.of(0, PlayerInput.fromBits(seq, PlayerInput.RIGHT))).state();
        }
        assertThat(p.predicted().player(0).x()).isCloseTo(server.player(0).x(), org.assertj.core.data.Offset.offset(0.5f));
    }

    @Test
    void aServerCorrectionWins() {
        MatchState server = start();
        Prediction p = new Prediction(server, 0);
        p.input(1, PlayerInput.RIGHT);
        p.input(2, PlayerInput.RIGHT);
        // the server dropped our inputs and applied nothing: we snap back to where it says we are
        p.reconcile(MatchStateSnapshots.capture(server), server.tick(), 2);
        assertThat(p.pendingInputs()).isZero();
        assertThat(p.predicted().player(0).x()).isCloseTo(server.player(0).x(), org.assertj.core.data.Offset.offset(0.2f));
    }
}
