package dev.skirmish.orchestrator;

import dev.skirmish.protocol.client.BotSwarm;
import dev.skirmish.protocol.token.ConnectToken;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

/**
 * Not a test: the players of {@link MatchesPerMachineBenchmark}, in a JVM of their own that the harness starts at
 * SCHED_IDLE (real players sit on other machines; here they share the servers' cores, see docs/benchmarks.md). Reads
 * one connect token a line from the file named by its only argument (tokens are secrets: never on a command line),
 * connects every bot with the token the orchestrator issued, prints {@code CONNECTED}, then sends an input per tick
 * (random buttons, a new intent every ~0.5 s, as {@code BotFleet}) until its stdin closes; from a line on stdin on
 * it counts the inputs it sends and the rounds it starts over a tick late, printed as {@code INPUTS} at the end. All bots run on this one
 * thread ({@link BotSwarm}: each still a whole client to its server, with a thread and a timer per bot the driver
 * took as much CPU as the servers it measured). Bounded: at most 1,200 bots and 15 minutes.
 */
public final class MatchBots {
    private static final int MAX_BOTS = 1200;
    private static final long MAX_NANOS = Duration.ofMinutes(15).toNanos();

    public static void main(String[] argv) throws Exception {
        List<String> tokens = Files.readAllLines(Path.of(argv[0])).stream().filter(l -> !l.isBlank()).toList();
        int tickRate = argv.length > 1 ? Integer.parseInt(argv[1]) : 60;
        if (tokens.isEmpty() || tokens.size() > MAX_BOTS || tickRate < 10 || tickRate > 240) {
            throw new IllegalArgumentException("1.." + MAX_BOTS + " tokens, tick rate 10..240");
        }
        BotSwarm bots = new BotSwarm(false);
        for (String base64 : tokens) {
            ConnectToken token = ConnectToken.parse(base64);
            InetSocketAddress server = token.server().isUnresolved()
                    ? new InetSocketAddress(token.server().getHostString(), token.server().getPort())
                    : token.server();
            bots.add(token, server);
        }
        bots.connectAll(Duration.ofSeconds(60));
        System.out.println("CONNECTED " + bots.size());
        System.out.flush();
        // a line on stdin starts the count of what the bots deliver (the harness's measured window); EOF ends the run
        java.util.concurrent.atomic.AtomicBoolean counting = new java.util.concurrent.atomic.AtomicBoolean();
        Thread stdin = Thread.ofPlatform().daemon().start(() -> {
            try {
                for (int c; (c = System.in.read()) >= 0; ) {
                    if (c == '\n') {
                        counting.set(true);
                    }
                }
            } catch (java.io.IOException ignored) {
                // the harness is gone: stop as well
            }
        });
        Random random = new Random(42);
        int[] buttons = new int[bots.size()];
        long period = 1_000_000_000L / tickRate;
        long start = System.nanoTime();
        long next = start;
        long rounds = 0;
        long lateRounds = 0;
        long maxLateNanos = 0;
        long countFrom = 0;
        while (stdin.isAlive() && System.nanoTime() - start < MAX_NANOS) {
            long late = System.nanoTime() - next;
            if (counting.get()) {
                if (countFrom == 0) {
                    countFrom = next;
                }
                rounds++;
                maxLateNanos = Math.max(maxLateNanos, late);
                if (late > period) {
                    lateRounds++; // a SCHED_IDLE driver without a core: the inputs of this round leave a tick late
                }
            }
            bots.poll(); // every snapshot and event that arrived, so the inputs carry the newest acks
            for (int i = 0; i < bots.size(); i++) {
                if (random.nextInt(30) == 0) {
                    buttons[i] = random.nextInt(32);
                }
                bots.input(i, buttons[i]);
            }
            next += period;
            LockSupport.parkNanos(next - System.nanoTime());
        }
        // what the harness reports: inputs sent against those due over the counted time, rounds over a tick late
        long due = countFrom == 0 ? 0 : (System.nanoTime() - countFrom) / period * bots.size();
        System.out.println("INPUTS " + rounds * bots.size() + " " + due + " " + lateRounds + " " + rounds + " "
                + maxLateNanos / 1000);
        System.out.flush();
        bots.close();
    }

    /**
     * What the bots delivered over the measured window: inputs sent against those due (bots × 60 Hz × seconds), and
     * rounds that started more than a tick late. The bots run at SCHED_IDLE so they never take a core from a server;
     * a driver starved that way would send fewer inputs and flatter the servers, so the report shows it.
     */
    record Delivery(long sent, long due, long lateRounds, long rounds, long maxLateMicros) {
        static final Delivery NONE = new Delivery(0, 0, 0, 0, 0);

        static Delivery parse(String line) {
            if (line == null || !line.startsWith("INPUTS ")) return NONE;
            String[] f = line.split(" ");
            return new Delivery(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]),
                    Long.parseLong(f[5]));
        }

        double sentPercent() {
            return due == 0 ? 0 : 100.0 * sent / due;
        }
    }
}
