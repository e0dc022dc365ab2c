package dev.skirmish.gameserver.bench;

import dev.skirmish.protocol.client.BotSwarm;
import dev.skirmish.protocol.client.GameClient;
import dev.skirmish.protocol.netsim.NetworkConditions;
import dev.skirmish.protocol.netsim.UdpRelay;
import dev.skirmish.protocol.packet.InputFrame;
import dev.skirmish.protocol.token.ConnectToken;
import dev.skirmish.protocol.token.ConnectTokens;
import dev.skirmish.simulation.ArenaMap;
import dev.skirmish.simulation.MatchConfig;
import dev.skirmish.simulation.MatchState;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

/**
 * Not a test: the load generator of {@link GameServerBenchmark}, in a process of its own so that the harness can
 * start it at a lower CPU priority than the server (real clients run on other machines; here they share the
 * server's cores). Connects N bot {@link GameClient}s with tokens sealed under {@code SKIRMISH_SESSION_KEY}, sends
 * inputs at the tick rate (random buttons, a new intent every ~0.5 s), and talks to the harness on stdout:
 * {@code CONNECTED}, then {@code MEASURING} after the warm-up, then after the measured seconds one line
 * {@code RESULT down_bytes=… up_bytes=… max_packet_bytes=… cpu_nanos=… corrections=… probes=…} (bytes over the
 * measured seconds, summed over bots; CPU time of this process during them; prediction corrections of the first
 * {@code probes} bots, see {@link PredictionProbe}), and stays connected until its stdin closes. With
 * {@code loss=5% latency=100ms jitter=20ms [seed=1]} every bot talks to the server through a {@link UdpRelay}
 * simulating that network both ways. Bounded: 1–64 bots, at most 660 s in all.
 *
 * <pre>SKIRMISH_SESSION_KEY=… java -cp … dev.skirmish.gameserver.bench.BotFleet port=P players=64 tickRate=60
 *     warmup=5 seconds=30 session=bench [loss=5% latency=100ms jitter=20ms seed=1 probes=4]</pre>
 */
public final class BotFleet {
    public static void main(String[] argv) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        for (String a : argv) {
            int eq = a.indexOf('=');
            opts.put(a.substring(0, eq), a.substring(eq + 1));
        }
        int port = Integer.parseInt(opts.get("port"));
        int players = Integer.parseInt(opts.getOrDefault("players", "64"));
        int tickRate = Integer.parseInt(opts.getOrDefault("tickRate", "60"));
        int warmup = Integer.parseInt(opts.getOrDefault("warmup", "5"));
        int seconds = Integer.parseInt(opts.getOrDefault("seconds", "30"));
        String session = opts.getOrDefault("session", "bench");
        if (players < 1 || players > 64 || seconds < 1 || seconds > 600 || warmup < 0 || warmup > 60
                || tickRate < 10 || tickRate > 240) {
            throw new IllegalArgumentException("players 1..64, seconds 1..600, warmup 0..60, tickRate 10..240");
        }
        byte[] key = Base64.getDecoder().decode(System.getenv("SKIRMISH_SESSION_KEY"));
        NetworkConditions network = new NetworkConditions(
                NetworkConditions.parsePercent(opts.getOrDefault("loss", "0")),
                NetworkConditions.parseDelay(opts.getOrDefault("latency", "0")),
                NetworkConditions.parseDelay(opts.getOrDefault("jitter", "0")), 0, 0,
                Long.parseLong(opts.getOrDefault("seed", "1")));
        int probes = Math.min(players, Integer.parseInt(opts.getOrDefault("probes", "4")));

        InetSocketAddress addr = new InetSocketAddress("127.0.0.1", port);
        // the simulated network sits in this process, between every bot and the server, both ways
        UdpRelay relay = network.perfect() ? null : UdpRelay.start(addr, network);
        // the probes are whole GameClients (they predict); the rest share one thread (BotSwarm: the same traffic,
        // without a thread and a 10 ms timer per bot)
        List<GameClient> bots = new ArrayList<>();
        BotSwarm swarm = new BotSwarm(false);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < players; i++) {
            names.add(GameServerBenchmark.botName(i));
        }
        List<PredictionProbe> predictions = new ArrayList<>();
        for (int i = 0; i < players; i++) {
            String name = names.get(i);
            ConnectToken token = ConnectToken.parse(ConnectTokens.issue(key, session, "id-" + name, name, addr,
                    Instant.now().plusSeconds(3600)));
            if (i >= probes) {
                swarm.add(token, relay == null ? addr : relay.address());
                continue;
            }
            GameClient bot = GameClient.connect(token, relay == null ? addr : relay.address(), Duration.ofSeconds(10));
            bots.add(bot);
            { // a few bots predict like a real client, to count corrections
                PredictionProbe probe = new PredictionProbe(MatchState.initial(ArenaMap.load("arena"),
                        new MatchConfig(tickRate, 180, 0), names), bot.playerIndex());
                bot.onSnapshot(world -> {
                    var packet = bot.latestSnapshot();
                    probe.snapshot(world, packet.tick(), packet.lastInputSequence());
                });
                predictions.add(probe);
            }
        }
        swarm.connectAll(Duration.ofSeconds(20));
        System.out.println("CONNECTED");
        System.out.flush();

        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Random random = new Random(42);
        int[] buttons = new int[players];
        long period = 1_000_000_000L / tickRate;
        long start = System.nanoTime();
        long warmEnd = start + warmup * 1_000_000_000L;
        long end = warmEnd + seconds * 1_000_000_000L;
        long next = start;
        boolean measuring = false;
        long inAtStart = 0;
        long outAtStart = 0;
        long cpuAtStart = 0;
        while (System.nanoTime() < end) {
            if (!measuring && System.nanoTime() >= warmEnd) {
                measuring = true;
                cpuAtStart = os.getProcessCpuTime();
                predictions.forEach(PredictionProbe::resetCounts);
                for (GameClient bot : bots) {
                    inAtStart += bot.bytesIn();
                    outAtStart += bot.bytesOut();
                }
                inAtStart += swarm.bytesIn();
                outAtStart += swarm.bytesOut();
                System.out.println("MEASURING");
                System.out.flush();
            }
            swarm.poll();
            for (int i = 0; i < players; i++) {
                if (random.nextInt(30) == 0) { // a new intent every half second or so, like a player
                    buttons[i] = random.nextInt(32);
                }
                if (i >= probes) {
                    swarm.input(i - probes, buttons[i]);
                    continue;
                }
                InputFrame sent = bots.get(i).sendInput(buttons[i]);
                predictions.get(i).input(sent.sequence(), sent.buttons());
                bots.get(i).drainEvents();
            }
            next += period;
            LockSupport.parkNanos(next - System.nanoTime());
        }
        long cpu = os.getProcessCpuTime() - cpuAtStart;
        long in = 0;
        long out = 0;
        int maxPacket = 0;
        for (GameClient bot : bots) {
            in += bot.bytesIn();
            out += bot.bytesOut();
            maxPacket = Math.max(maxPacket, bot.maxPacketBytes());
        }
        in += swarm.bytesIn();
        out += swarm.bytesOut();
        maxPacket = Math.max(maxPacket, swarm.maxPacketBytes());
        long corrections = 0;
        for (PredictionProbe p : predictions) {
            corrections += p.corrections();
        }
        System.out.printf("RESULT down_bytes=%d up_bytes=%d max_packet_bytes=%d cpu_nanos=%d corrections=%d probes=%d%n",
                in - inAtStart, out - outAtStart, maxPacket, cpu, corrections, predictions.size());
        System.out.flush();
        // the bots stay connected until the harness has stopped the server (it closes our stdin), so the server's
        // measured ticks never include 64 players leaving
        Thread stdin = Thread.ofPlatform().daemon().start(() -> {
            try {
                while (System.in.read() >= 0) {
                    // wait for end of input
                }
            } catch (java.io.IOException ignored) {
                // the harness is gone: stop as well
            }
        });
        while (stdin.isAlive()) {
            swarm.poll(); // keep-alives, as the GameClients' own threads send them
            stdin.join(10);
        }
        for (GameClient bot : bots) {
            bot.close();
        }
        swarm.close();
        if (relay != null) {
            relay.close();
        }
    }
}
