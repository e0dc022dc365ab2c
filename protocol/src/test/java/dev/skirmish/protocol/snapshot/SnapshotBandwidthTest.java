package dev.skirmish.protocol.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.protocol.packet.NetEvent;
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
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Bytes, not time: 64 players in the real simulation for 20 s, snapshots (with events) at 20 Hz through
 * {@link PlayerLink}, every client acking each snapshot. Deterministic (seeded), so the downstream budgets are
 * assertions; the numbers go to target/protocol-bandwidth-*.json. Two kinds of players: bots that pick new random
 * buttons every ~0.5 s (as the game-server benchmark's bots do: issue 17's goals are for them) and button mashers
 * that pick new ones every tick (a worst case with no goal but the packet size).
 */
class SnapshotBandwidthTest {
    static final int PLAYERS = 64;
    static final int TICK_RATE = 60;
    static final int SEND_EVERY = 3;
    static final int SECONDS = 20;

    record Result(double kbps, double ratio, int maxPacket, double stateBytes, double eventBytes, String json) {
    }

    @Test
    void botsLikeTheBenchmarksStayUnder40KilobitsPerClientWithDeltasAQuarterOfFull() throws Exception {
        Result r = run(30, "bots");
        assertThat(r.maxPacket()).isLessThanOrEqualTo(1200);
        assertThat(r.kbps()).as(r.json()).isLessThanOrEqualTo(40.0);
        assertThat(r.ratio()).as(r.json()).isLessThanOrEqualTo(0.25);
    }

    @Test
    void buttonMashersStayInOnePacketAndUnder128Kilobits() throws Exception {
        Result r = run(1, "mashers");
        assertThat(r.maxPacket()).isLessThanOrEqualTo(1200);
        assertThat(r.kbps()).as(r.json()).isLessThanOrEqualTo(128.0);
        assertThat(r.ratio()).as(r.json()).isLessThan(1.0);
    }

    static Result run(int intentTicks, String name) throws Exception {
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
        int[] buttons = new int[PLAYERS];
        long bytes = 0;
        long fullState = 0;
        long deltaState = 0;
        long eventBytes = 0;
        int fulls = 0;
        int deltas = 0;
        int maxPacket = 0;
        long events = 0;
        for (int t = 1; t <= TICK_RATE * SECONDS; t++) {
            Map<Integer, PlayerInput> inputs = new HashMap<>();
            for (int i = 0; i < PLAYERS; i++) {
                if (intentTicks == 1 || rnd.nextInt(intentTicks) == 0) {
                    buttons[i] = rnd.nextInt(PlayerInput.ALL_BUTTONS + 1);
                }
                inputs.put(i, PlayerInput.fromBits(t, buttons[i]));
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
                for (NetEvent e : packet.events()) {
                    eventBytes += e.wireBytes();
                }
                if (packet.isFull()) {
                    fulls++;
                    fullState += packet.stateLength();
                } else {
                    deltas++;
                    deltaState += packet.stateLength();
                }
                link.snapshots().acknowledge(packet.tick());
                if (!packet.events().isEmpty()) {
                    link.events().acknowledge(packet.events().getLast().sequence());
                }
            }
        }
        int packets = fulls + deltas;
        double kbps = bytes * 8.0 / 1000 / SECONDS / PLAYERS;
        // as the game server's delta_to_full_ratio: mean delta state size / mean full state size
        double ratio = deltas == 0 || fulls == 0 ? 0 : (deltaState / (double) deltas) / (fullState / (double) fulls);
        double meanState = (fullState + deltaState) / (double) packets;
        double meanEvents = eventBytes / (double) packets;
        String json = String.format(Locale.ROOT,
                "{\"players\":%d,\"tick_rate\":%d,\"snapshot_hz\":%d,\"seconds\":%d,\"intent_ticks\":%d,\"events\":%d,"
                        + "\"down_kbps_per_client_mean\":%.1f,\"max_packet_bytes\":%d,\"delta_to_full_ratio\":%.3f,"
                        + "\"state_bytes_mean\":%.1f,\"event_bytes_mean\":%.1f,\"packet_bytes_mean\":%.1f}%n",
                PLAYERS, TICK_RATE, TICK_RATE / SEND_EVERY, SECONDS, intentTicks, events, kbps, maxPacket, ratio,
                meanState, meanEvents, bytes / (double) packets);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "protocol-bandwidth-" + name + ".json"), json);
        return new Result(kbps, ratio, maxPacket, meanState, meanEvents, json);
    }
}
