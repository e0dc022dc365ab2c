package dev.skirmish.gameserver.bench;

import dev.skirmish.gameserver.match.MatchRoom;
import dev.skirmish.gameserver.net.Datagram;
import dev.skirmish.gameserver.report.Json;
import dev.skirmish.gameserver.tick.TickHistogram;
import dev.skirmish.protocol.connection.ClientEndpoint;
import dev.skirmish.protocol.connection.ClientEvent;
import dev.skirmish.protocol.connection.ClientState;
import dev.skirmish.protocol.connection.InputHistory;
import dev.skirmish.protocol.token.ConnectToken;
import dev.skirmish.protocol.token.ConnectTokens;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Not a test: the CPU cost of one server tick without sockets, threads or a schedule, so machine noise (other
 * processes, the bots, the network stack) stays out of it. A {@link MatchRoom} and N in-memory clients exchange
 * real sealed datagrams (handshake, redundant INPUT packets with acks, SNAPSHOT packets) through lists; only the
 * server's part is timed: draining the inputs (decrypt + decode), timeouts, the simulation step and capture +
 * delta encoding + sealing of the tick's snapshots (each client every {@code ticksPerSnapshot} ticks, staggered
 * as the server does). Ticks run back to back on a simulated
 * 60 Hz clock. Reports tick-time percentiles, per-phase means and bytes allocated per tick (this thread).
 *
 * <pre>java -cp game-server/target/test-classes:game-server/target/game-server.jar \
 *     dev.skirmish.gameserver.bench.TickCostBenchmark [players=64] [ticks=6000] [warmupTicks=3000]
 *     [ticksPerSnapshot=3] [out=game-server/target/benchmarks/tick-cost.json]</pre>
 */
public final class TickCostBenchmark {
    private static final int TICK_RATE = 60;

    public static void main(String[] argv) throws Exception {
        BenchArgs opts = BenchArgs.parse(argv);
        int players = opts.intOr("players", 64);
        int ticks = opts.intOr("ticks", 6000);
        int warmupTicks = opts.intOr("warmupTicks", 3000);
        int ticksPerSnapshot = opts.intOr("ticksPerSnapshot", 3);
        Path out = opts.pathOr("out", "game-server/target/benchmarks/tick-cost.json");

        long[] clock = {System.currentTimeMillis()};
        List<Datagram> toServer = new ArrayList<>();
        List<List<byte[]>> toClients = new ArrayList<>();
        InetSocketAddress serverAddr = new InetSocketAddress("127.0.0.1", 40000);
        Map<InetSocketAddress, Integer> clientByAddr = new LinkedHashMap<>();
        MatchRoom room = new MatchRoom("tick-cost", key(), TICK_RATE, 7L,
                (to, datagram) -> toClients.get(clientByAddr.get(to)).add(datagram), clock[0]);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < players; i++) {
            names.add("bot" + i);
        }
        room.assign(names, 3600);

        List<Bot> bots = new ArrayList<>();
        for (int i = 0; i < players; i++) {
            InetSocketAddress addr = new InetSocketAddress("127.0.0.1", 50000 + i);
            clientByAddr.put(addr, i);
            toClients.add(new ArrayList<>());
            ConnectToken token = ConnectToken.parse(ConnectTokens.issue(KEY, "tick-cost", "id-" + names.get(i),
                    names.get(i), serverAddr, Instant.now().plusSeconds(3600)));
            bots.add(new Bot(new ClientEndpoint(token, serverAddr, (to, d) -> toServer.add(new Datagram(d, addr)),
                    clock[0])));
        }
        // handshakes, untimed
        for (int round = 0; round < 50 && bots.stream().anyMatch(b -> b.endpoint.state() != ClientState.CONNECTED);
             round++) {
            clock[0] += 100;
            bots.forEach(b -> b.endpoint.update(clock[0]));
            serverTick(room, toServer, clock[0], -1, ticksPerSnapshot); // no snapshots yet
            deliver(bots, toClients, serverAddr, clock[0]);
        }
        if (room.connectedPlayers() != players) {
            throw new IllegalStateException("only " + room.connectedPlayers() + " of " + players + " connected");
        }

        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().threadId();
        TickHistogram all = new TickHistogram();
        long[] phase = new long[8];
        long allocated = 0;
        Random random = new Random(42);
        for (int t = 0; t < warmupTicks + ticks; t++) {
            boolean measuring = t >= warmupTicks;
            clock[0] = clock[0] + (t % 3 == 2 ? 16 : 17); // 60 Hz in whole milliseconds
            for (Bot b : bots) {
                b.sendInput(random, clock[0]);
            }
            long a0 = threads.getThreadAllocatedBytes(self);
            long[] p = serverTick(room, toServer, clock[0], t % ticksPerSnapshot, ticksPerSnapshot);
            long a1 = threads.getThreadAllocatedBytes(self);
            deliver(bots, toClients, serverAddr, clock[0]);
            if (measuring) {
                long took = p[0] + p[1] + p[2] + p[3];
                all.record(took);
                for (int i = 0; i < 8; i++) {
                    phase[i] += p[i];
                }
                allocated += a1 - a0;
            }
        }
        if (room.connectedPlayers() != players) {
            throw new IllegalStateException("players dropped during the run: " + room.connectedPlayers());
        }
        String json = "{\n"
                + "  \"players\": " + players + ",\n"
                + "  \"ticks\": " + ticks + ",\n"
                + "  \"ticks_per_snapshot\": " + ticksPerSnapshot + ",\n"
                + "  \"cpus\": " + Runtime.getRuntime().availableProcessors() + ",\n"
                + "  \"tick_ms_p50\": " + Json.number(all.percentileMs(0.5)) + ",\n"
                + "  \"tick_ms_p99\": " + Json.number(all.percentileMs(0.99)) + ",\n"
                + "  \"tick_ms_max\": " + Json.number(all.maxMs()) + ",\n"
                + "  \"receive_ms_mean\": " + Json.number(phase[0] / 1e6 / ticks) + ",\n"
                + "  \"update_ms_mean\": " + Json.number(phase[1] / 1e6 / ticks) + ",\n"
                + "  \"step_ms_mean\": " + Json.number(phase[2] / 1e6 / ticks) + ",\n"
                + "  \"snapshots_ms_mean\": " + Json.number(phase[3] / 1e6 / ticks) + ",\n"
                + "  \"allocated_kb_per_tick\": " + Json.number(allocated / 1024.0 / ticks) + ",\n"
                + "  \"allocated_bytes_per_tick_receive_update_step_snapshots\": [" + phase[4] / ticks + ", "
                + phase[5] / ticks + ", " + phase[6] / ticks + ", " + phase[7] / ticks + "],\n"
                + "  \"delta_to_full_ratio\": " + Json.number(room.snapshotStats().deltaToFullRatio()) + "\n"
                + "}\n";
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, json);
        System.out.print(json);
        System.err.println("report written to " + out);
    }

    private static final byte[] KEY = ConnectTokens.newSessionKey();

    private static byte[] key() {
        return KEY;
    }

    /**
     * The server's share of a tick, as GameServer.loop does it (snapshots to the players of this {@code phase},
     * none when negative); nanos of receive, update, step, snapshots.
     */
    private static long[] serverTick(MatchRoom room, List<Datagram> inbound, long now, int phase,
                                     int ticksPerSnapshot) {
        long a0 = allocated();
        long t0 = System.nanoTime();
        for (Datagram d : inbound) {
            room.receive(d, now);
        }
        inbound.clear();
        long t1 = System.nanoTime();
        long a1 = allocated();
        room.update(now);
        long t2 = System.nanoTime();
        long a2 = allocated();
        room.step(now);
        long t3 = System.nanoTime();
        long a3 = allocated();
        if (phase >= 0) {
            room.sendSnapshots(now, phase, ticksPerSnapshot);
        }
        long t4 = System.nanoTime();
        long a4 = allocated();
        return new long[] {t1 - t0, t2 - t1, t3 - t2, t4 - t3, a1 - a0, a2 - a1, a3 - a2, a4 - a3};
    }

    /** Looked up once: the lookup itself allocates (streams over the platform beans), which was counted as the tick's. */
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static long allocated() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    private static void deliver(List<Bot> bots, List<List<byte[]>> toClients, InetSocketAddress from, long now) {
        for (int i = 0; i < bots.size(); i++) {
            for (byte[] d : toClients.get(i)) {
                bots.get(i).receive(d, from, now);
            }
            toClients.get(i).clear();
        }
    }

    /** A client that acks what it got and changes its buttons every half second or so, like the load bots. */
    private static final class Bot {
        final ClientEndpoint endpoint;
        final InputHistory inputs = new InputHistory();
        long ackTick = dev.skirmish.protocol.packet.SnapshotPacket.NO_TICK;
        int buttons;

        Bot(ClientEndpoint endpoint) {
            this.endpoint = endpoint;
        }

        void sendInput(Random random, long now) {
            if (random.nextInt(30) == 0) {
                buttons = random.nextInt(32);
            }
            inputs.record(buttons);
            endpoint.send(inputs.packet(ackTick, endpoint.eventAck()), now);
        }

        void receive(byte[] d, InetSocketAddress from, long now) {
            for (ClientEvent e : endpoint.receive(d, from, now)) {
                if (e instanceof ClientEvent.SnapshotReceived s) {
                    ackTick = s.snapshot().tick();
                }
            }
        }
    }
}
