package dev.skirmish.protocol.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.protocol.packet.PacketCodec;
import dev.skirmish.protocol.packet.SnapshotPacket;
import dev.skirmish.simulation.ArenaMap;
import dev.skirmish.simulation.MatchConfig;
import dev.skirmish.simulation.MatchPhase;
import dev.skirmish.simulation.MatchState;
import dev.skirmish.simulation.PlayerInput;
import dev.skirmish.simulation.Simulation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The real simulation through capture → delta → decode → apply, as server and client-prediction use it. */
class MatchStateSnapshotsTest {
    final ArenaMap map = ArenaMap.load("arena");
    final MatchConfig config = new MatchConfig(60, 180, 7);

    MatchState running(List<String> names) {
        MatchState s = MatchState.initial(map, config, names);
        for (int i = 0; i < names.size(); i++) {
            s = s.withPlayerConnected(i, true);
        }
        return s.start();
    }

    @Test
    void aClientRebuildsTheServersMatchFromDeltas() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            names.add("p" + i);
        }
        MatchState server = running(names);
        MatchState clientBase = MatchState.initial(map, config, names);
        SnapshotSender sender = new SnapshotSender();
        SnapshotReceiver receiver = new SnapshotReceiver();
        Random rnd = new Random(11);
        long deltaBytes = 0;
        int deltas = 0;
        for (int t = 0; t < 600; t++) {
            Map<Integer, PlayerInput> inputs = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                inputs.put(i, PlayerInput.fromBits(t + 1, rnd.nextInt(PlayerInput.ALL_BUTTONS + 1)));
            }
            server = Simulation.step(server, inputs).state();
            if (t % 3 != 0) {
                continue; // 20 Hz snapshots
            }
            WorldSnapshot world = MatchStateSnapshots.capture(server);
            SnapshotPacket packet = sender.build(server.tick(), world, t + 1, null);
            assertThat(PacketCodec.sealedSize(packet)).isLessThanOrEqualTo(1200);
            WorldSnapshot decoded = receiver.receive(packet).orElseThrow();
            sender.acknowledge(receiver.ackTick());
            if (!packet.isFull()) {
                deltaBytes += packet.state().length;
                deltas++;
            }
            MatchState view = MatchStateSnapshots.apply(clientBase, decoded, (int) packet.tick());
            assertThat(MatchStateSnapshots.capture(view)).isEqualTo(world);
            assertThat(view.tick()).isEqualTo(server.tick());
            assertThat(view.phase()).isEqualTo(MatchPhase.RUNNING);
            for (int i = 0; i < names.size(); i++) {
                assertThat(view.player(i).x()).isCloseTo(server.player(i).x(), org.assertj.core.data.Offset.offset(0.07f));
                assertThat(view.player(i).hearts()).isEqualTo(server.player(i).hearts());
                assertThat(view.player(i).name()).isEqualTo(names.get(i));
                assertThat(decoded.players().get(i).action()).isEqualTo(server.player(i).action());
            }
        }
        int full = SnapshotCodec.encodeFull(MatchStateSnapshots.capture(server), 100_000).bytes().length;
        assertThat(deltaBytes / deltas).as("mean delta vs full %d", full).isLessThan(full);
    }

    @Test
    void sixtyFourPlayersFitAFullSnapshot() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            names.add("player" + i);
        }
        WorldSnapshot world = MatchStateSnapshots.capture(running(names));
        SnapshotCodec.Encoded full = SnapshotCodec.encodeFull(world, PacketCodec.MAX_SEALED_PAYLOAD - 13);
        assertThat(full.sent()).isEqualTo(world);
    }

    @Test
    void winnerIsCarriedOnceEnded() {
        WorldSnapshot w = MatchStateSnapshots.capture(running(List.of("a", "b")), 1);
        assertThat(w.match().winnerIndex()).isEqualTo(2);
        assertThat(MatchStateSnapshots.capture(running(List.of("a", "b"))).match().winnerIndex()).isZero();
    }
    /**
     * The server captures every tick on top of its last capture: the world must equal a fresh capture (the deltas
     * and baselines stay byte for byte what they were), and whatever did not change is the previous snapshot itself.
     */
    @Test
    void aCaptureOnTopOfThePreviousEqualsAFreshOneAndSharesWhatDidNotChange() {
        List<String> names = List.of("a", "b", "c", "d", "e", "f");
        MatchState server = running(names);
        Random rnd = new Random(5);
        WorldSnapshot previous = WorldSnapshot.EMPTY;
        int shared = 0;
        for (int t = 0; t < 600; t++) {
            Map<Integer, PlayerInput> inputs = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                // players 0-2 stand still after a while, the others keep pressing buttons
                int buttons = i < 3 && t > 120 ? 0 : rnd.nextInt(PlayerInput.ALL_BUTTONS + 1);
                inputs.put(i, PlayerInput.fromBits(t + 1, buttons));
            }
            server = Simulation.step(server, inputs).state();
            WorldSnapshot world = MatchStateSnapshots.capture(server, previous);
            assertThat(world).isEqualTo(MatchStateSnapshots.capture(server));
            for (var e : world.players().entrySet()) {
                PlayerSnapshot before = previous.players().get(e.getKey());
                if (e.getValue().equals(before)) {
                    assertThat(e.getValue()).isSameAs(before);
                    shared++;
                }
            }
            for (var e : world.items().entrySet()) {
                ItemSnapshot before = previous.items().get(e.getKey());
                if (e.getValue().equals(before)) {
                    assertThat(e.getValue()).isSameAs(before);
                    shared++;
                }
            }
            previous = world;
        }
        assertThat(shared).isPositive();
    }
}
