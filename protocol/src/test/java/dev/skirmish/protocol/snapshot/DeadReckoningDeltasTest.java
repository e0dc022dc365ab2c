package dev.skirmish.protocol.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.protocol.packet.PacketCodec;
import dev.skirmish.protocol.packet.SnapshotPacket;
import dev.skirmish.simulation.ArenaMap;
import dev.skirmish.simulation.MatchConfig;
import dev.skirmish.simulation.MatchState;
import dev.skirmish.simulation.PlayerInput;
import dev.skirmish.simulation.Simulation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Both ends carry baselines forward by the same integer rules ({@link Motion}), so a client must rebuild exactly the
 * world the server captured, whatever the age of its baseline: the real simulation (players running, jumping,
 * dying, respawning, disconnecting), snapshots and acks lost at random, so deltas are against baselines 3 to
 * ~100 ticks old. Reconciliation then starts from the very quantised state the server has.
 */
class DeadReckoningDeltasTest {
    @Property(tries = 12)
    void everyDecodedWorldIsExactlyTheCapturedOne(@ForAll long seed, @ForAll @IntRange(min = 0, max = 70) int lossPercent) {
        Random rnd = new Random(seed);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            names.add("p" + i);
        }
        MatchConfig config = new MatchConfig(60, 180, seed);
        MatchState server = MatchState.initial(ArenaMap.load("arena"), config, names);
        for (int i = 0; i < names.size(); i++) {
            server = server.withPlayerConnected(i, true);
        }
        server = server.start();
        SnapshotSender sender = new SnapshotSender();
        SnapshotReceiver receiver = new SnapshotReceiver();
        int[] buttons = new int[names.size()];
        int decoded = 0;
        int oldBaselines = 0;
        for (int t = 1; t <= 900; t++) {
            Map<Integer, PlayerInput> inputs = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                if (rnd.nextInt(20) == 0) {
                    buttons[i] = rnd.nextInt(PlayerInput.ALL_BUTTONS + 1);
                }
                inputs.put(i, PlayerInput.fromBits(t, buttons[i]));
            }
            server = Simulation.step(server, inputs).state();
            if (rnd.nextInt(200) == 0) { // someone drops out or comes back: frozen, then moving again
                int who = rnd.nextInt(names.size());
                server = server.withPlayerConnected(who, !server.player(who).connected());
            }
            if (t % 3 != 0) {
                continue;
            }
            WorldSnapshot world = MatchStateSnapshots.capture(server);
            SnapshotPacket packet = sender.build(server.tick(), world, t, null);
            assertThat(PacketCodec.sealedSize(packet)).isLessThanOrEqualTo(1200);
            if (rnd.nextInt(100) < lossPercent) {
                continue; // the snapshot is lost
            }
            var got = receiver.receive(packet);
            if (got.isPresent()) {
                decoded++;
                assertThat(got.get()).isEqualTo(world);
                if (!packet.isFull() && packet.tick() - packet.baselineTick() > 3) {
                    oldBaselines++;
                }
            }
            if (rnd.nextInt(100) >= lossPercent) { // the ack may be lost too
                sender.acknowledge(receiver.ackTick());
            }
        }
        assertThat(decoded).isPositive();
        if (lossPercent >= 20) {
            assertThat(oldBaselines).isPositive();
        }
    }
}
