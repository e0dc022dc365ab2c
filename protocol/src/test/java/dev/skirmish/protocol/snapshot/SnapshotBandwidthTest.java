package dev.skirmish.protocol.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.protocol.event.GameEventCodec;
import dev.skirmish.protocol.packet.PacketCodec;
import dev.skirmish.protocol.packet.SnapshotPacket;
import dev.skirmish.protocol.session.PlayerLink;
import dev.skirmish.simulation.ArenaMap;
import dev.skirmish.simulation.GameEvent;
import dev.skirmish.simulation.MatchConfig;
import dev.skirmish.simulation.MatchState;
import dev.skirmish.simulation.PlayerInput;
import dev.skirmish.simulation.Simulation;
import dev.skirmish.simulation.StepResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Bytes, not time: 64 players mashing random buttons in the real simulation for 20 s, snapshots (with events)
 * at 20 Hz through {@link PlayerLink}, every client acking each snapshot. Deterministic (seeded), so the
 * downstream budget is an assertion; the numbers go to target/protocol-bandwidth.json for docs/benchmarks.md.
 */
class SnapshotBandwidthTest {
    static final int PLAYERS = 64;
    static final int TICK_RATE = 60;
    static final int SEND_EVERY = 3;
    static final int SECONDS = 20;

    @Test
    void sixtyFourPlayersAtTwentyHertzStayUnder128KilobitsPerClient() throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < PLAYERS; i++) {
            names.add("p" + i);
        }
        MatchState state = MatchState.initial(ArenaMap.load("arena"), new MatchConfig(TICK_RATE, 180, 3), names);
        for (int i = 0; i < PLAYERS; i++) {
            state = state.withPlayerConnected(i, true);
        }
        state = state.start();
        List<PlayerLink> links = new ArrayList<>();
        for (int i = 0; i < PLAYERS; i++) {
            links.add(new PlayerLink(i));
        }
        Random rnd = new Random(5);
        long bytes = 0;
        long fullBytes = 0;
        long deltaBytes = 0;
        int fulls = 0;
        int deltas = 0;
        int maxPacket = 0;
        long events = 0;
        for (int t = 1; t <= TICK_RATE * SECONDS; t++) {
            Map<Integer, PlayerInput> inputs = new HashMap<>();
            for (int i = 0; i < PLAYERS; i++) {
                inputs.put(i, PlayerInput.fromBits(t, rnd.nextInt(PlayerInput.ALL_BUTTONS + 1)));
            }
            StepResult step = Simulation.step(state, inputs);
            state = step.state();
            for (GameEvent e : step.events()) {
                events++;
                for (PlayerLink link : links) {
                    link.addEvent(e);
                }
            }
            if (t % SEND_EVERY != 0) {
                continue;
            }
            WorldSnapshot world = MatchStateSnapshots.capture(state);
            for (PlayerLink link : links) {
                SnapshotPacket packet = link.snapshot(state.tick(), world);
                int size = PacketCodec.sealedSize(packet);
                bytes += size;
                maxPacket = Math.max(maxPacket, size);
                if (packet.isFull()) {
                    fulls++;
                    fullBytes += size;
                } else {
                    deltas++;
                    deltaBytes += size;
                }
                link.snapshots().acknowledge(packet.tick());
                if (!packet.events().isEmpty()) {
                    link.events().acknowledge(packet.events().getLast().sequence());
                }
            }
        }
        double kbps = bytes * 8.0 / 1000 / SECONDS / PLAYERS;
        double ratio = deltas == 0 || fulls == 0 ? 0 : (deltaBytes / (double) deltas) / (fullBytes / (double) fulls);
        String report = String.format(java.util.Locale.ROOT,
                "{\"players\":%d,\"tick_rate\":%d,\"snapshot_hz\":%d,\"seconds\":%d,\"events\":%d,"
                        + "\"down_kbps_per_client_mean\":%.1f,\"max_packet_bytes\":%d,\"delta_to_full_ratio\":%.3f}%n",
                PLAYERS, TICK_RATE, TICK_RATE / SEND_EVERY, SECONDS, events, kbps, maxPacket, ratio);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "protocol-bandwidth.json"), report);
        assertThat(maxPacket).isLessThanOrEqualTo(1200);
        assertThat(kbps).as(report).isLessThanOrEqualTo(128.0);
        assertThat(ratio).as(report).isLessThan(1.0);
    }
}
