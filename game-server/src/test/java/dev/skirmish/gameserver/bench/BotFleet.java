package dev.skirmish.gameserver.bench;

import dev.skirmish.protocol.client.GameClient;
import dev.skirmish.protocol.token.ConnectTokens;
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
 * {@code RESULT down_bytes=… up_bytes=… max_packet_bytes=… cpu_nanos=…} (bytes over the measured seconds, summed
 * over bots; CPU time of this process during them), and stays connected until its stdin closes. Bounded: 1–64 bots, at most 660 s in all.
 *
 * <pre>SKIRMISH_SESSION_KEY=… java -cp … dev.skirmish.gameserver.bench.BotFleet port=P players=64 tickRate=60
 *     warmup=5 seconds=30 session=bench</pre>
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

        InetSocketAddress addr = new InetSocketAddress("127.0.0.1", port);
        List<GameClient> bots = new ArrayList<>();
        for (int i = 0; i < players; i++) {
            String name = GameServerBenchmark.botName(i);
            bots.add(GameClient.connect(ConnectTokens.issue(key, session, "id-" + name, name, addr,
                    Instant.now().plusSeconds(3600)), Duration.ofSeconds(10)));
        }
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
                for (GameClient bot : bots) {
                    inAtStart += bot.bytesIn();
                    outAtStart += bot.bytesOut();
                }
                System.out.println("MEASURING");
                System.out.flush();
            }
            for (int i = 0; i < players; i++) {
                if (random.nextInt(30) == 0) { // a new intent every half second or so, like a player
                    buttons[i] = random.nextInt(32);
                }
                bots.get(i).sendInput(buttons[i]);
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
        System.out.printf("RESULT down_bytes=%d up_bytes=%d max_packet_bytes=%d cpu_nanos=%d%n", in - inAtStart,
                out - outAtStart, maxPacket, cpu);
        System.out.flush();
        // the bots stay connected until the harness has stopped the server (it closes our stdin), so the server's
        // measured ticks never include 64 players leaving
        while (System.in.read() >= 0) {
            // wait for end of input
        }
        for (GameClient bot : bots) {
            bot.close();
        }
    }
}
