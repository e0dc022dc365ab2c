package dev.skirmish.gameserver.host;

import dev.skirmish.gameserver.bench.BenchArgs;

import dev.skirmish.gameserver.net.UdpTransport;
import dev.skirmish.gameserver.report.Json;
import dev.skirmish.gameserver.support.FakeOrchestrator;
import dev.skirmish.gameserver.support.Tokens;
import dev.skirmish.protocol.client.GameClient;
import io.netty.channel.EventLoopGroup;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

/**
 * Not a test: what a match host allocates per tick per match, the figure that sets how often its young GC stops every
 * match it hosts. A real {@link MatchHost} in this JVM (its tick thread, one shared Netty loop, heartbeats to a
 * loopback {@link FakeOrchestrator}) plays K matches of P bots each ({@link GameClient}s on real UDP sockets, inputs at
 * the tick rate with random buttons, like the load bots). Over the measured seconds it reads, with
 * {@code ThreadMXBean#getThreadAllocatedBytes}, the bytes the host's tick thread and its event loop allocated, and
 * their CPU time; allocation counts do not depend on the machine's load, so before/after figures are comparable on a
 * shared machine. GC counts and pause time are this whole JVM's (the bots' garbage included: read them as an upper
 * bound; the match host's own are in the permatch benchmark's GC columns).
 *
 * <pre>java -XX:+UseSerialGC -cp game-server/target/test-classes:game-server/target/game-server.jar \
 *     dev.skirmish.gameserver.host.HostAllocationBenchmark [matches=10] [players=6] [warmup=5] [seconds=20]
 *     [out=game-server/target/benchmarks/host-allocation.json]</pre>
 * Bounded: 1–50 matches of 1–16 players, at most 120 measured seconds, loopback only; the host is closed at the end.
 */
public final class HostAllocationBenchmark {
    private static final int TICK_RATE = 60;

    public static void main(String[] argv) throws Exception {
        // as GameServerMain does for a real host (set before Netty loads): else the leak detector's sampled stack
        // traces are counted as the event loop's garbage
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            System.setProperty("io.netty.leakDetection.level", "disabled");
        }
        BenchArgs opts = BenchArgs.parse(argv);
        int matches = opts.intOr("matches", 10);
        int players = opts.intOr("players", 6);
        int warmup = opts.intOr("warmup", 5);
        int seconds = opts.intOr("seconds", 20);
        Path out = opts.pathOr("out", "game-server/target/benchmarks/host-allocation.json");
        if (matches < 1 || matches > 50 || players < 1 || players > 16 || seconds < 1 || seconds > 120
                || warmup < 0 || warmup > 60) {
            throw new IllegalArgumentException("matches 1..50, players 1..16, seconds 1..120, warmup 0..60");
        }
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        EventLoopGroup loop = UdpTransport.sharedLoop();
        long loopThread = CompletableFuture.supplyAsync(() -> Thread.currentThread().threadId(), loop.next()).get();
        List<GameClient> bots = new ArrayList<>();
        try (FakeOrchestrator orch = new FakeOrchestrator()) {
            MatchHost host = new MatchHost(new HostArgs("127.0.0.1", orch.url(), TICK_RATE, matches),
                    new PrintStream(OutputStream.nullOutputStream()), loop);
            try {
                for (int m = 0; m < matches; m++) {
                    Tokens tokens = new Tokens("alloc-" + m);
                    int port = freeUdpPort();
                    List<String> names = new ArrayList<>();
                    for (int p = 0; p < players; p++) {
                        names.add("bot" + m + "x" + p);
                    }
                    host.command(HostCommand.parse("add " + tokens.sessionId + " " + port + " " + (warmup + seconds + 60)
                            + " " + String.join(",", names) + " " + tokens.base64Key()));
                    awaitReady(orch, tokens.sessionId);
                    for (String name : names) {
                        bots.add(GameClient.connect(tokens.token(name, port), Duration.ofSeconds(10)));
                    }
                }
                long tickThread = host.tickThreadId();
                Random random = new Random(42);
                int[] buttons = new int[bots.size()];
                long period = 1_000_000_000L / TICK_RATE;
                long start = System.nanoTime();
                long measureFrom = start + warmup * 1_000_000_000L;
                long end = measureFrom + seconds * 1_000_000_000L;
                long next = start;
                long[] at = null;
                while (System.nanoTime() < end) {
                    if (at == null && System.nanoTime() >= measureFrom) {
                        at = sample(threads, tickThread, loopThread);
                    }
                    for (int i = 0; i < bots.size(); i++) {
                        if (random.nextInt(30) == 0) {
                            buttons[i] = random.nextInt(32);
                        }
                        bots.get(i).sendInput(buttons[i]);
                        bots.get(i).drainEvents();
                    }
                    next += period;
                    LockSupport.parkNanos(next - System.nanoTime());
                }
                long[] now = sample(threads, tickThread, loopThread);
                double measured = (System.nanoTime() - measureFrom) / 1e9;
                double ticks = matches * TICK_RATE * measured;
                String json = "{\n"
                        + "  \"matches\": " + matches + ",\n"
                        + "  \"players_per_match\": " + players + ",\n"
                        + "  \"seconds\": " + Json.number(measured) + ",\n"
                        + "  \"tick_thread_bytes_per_tick_per_match\": " + Json.number((now[0] - at[0]) / ticks) + ",\n"
                        + "  \"event_loop_bytes_per_tick_per_match\": " + Json.number((now[1] - at[1]) / ticks) + ",\n"
                        + "  \"host_mb_per_second\": "
                        + Json.number((now[0] - at[0] + now[1] - at[1]) / measured / 1e6) + ",\n"
                        + "  \"host_cpu_ms_per_match_second\": "
                        + Json.number((now[2] - at[2] + now[3] - at[3]) / 1e6 / matches / measured) + ",\n"
                        + "  \"jvm_gc_count\": " + (now[4] - at[4]) + ",\n"
                        + "  \"jvm_gc_ms\": " + (now[5] - at[5]) + ",\n"
                        + "  \"players_connected\": " + connected(bots) + "\n"
                        + "}\n";
                Files.createDirectories(out.toAbsolutePath().getParent());
                Files.writeString(out, json);
                System.out.print(json);
            } finally {
                for (GameClient bot : bots) {
                    bot.close();
                }
                host.close();
            }
        } finally {
            loop.shutdownGracefully(0, 200, java.util.concurrent.TimeUnit.MILLISECONDS).awaitUninterruptibly(2000);
        }
        System.exit(0); // the bots' virtual threads and the JDK HTTP client must not keep a benchmark alive
    }

    /** Allocated bytes (tick thread, loop), CPU nanos (same), GC count and GC millis of the JVM. */
    private static long[] sample(com.sun.management.ThreadMXBean threads, long tick, long loop) {
        long gcCount = 0;
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        return new long[] {threads.getThreadAllocatedBytes(tick), threads.getThreadAllocatedBytes(loop),
                threads.getThreadCpuTime(tick), threads.getThreadCpuTime(loop), gcCount, gcMillis};
    }

    private static int connected(List<GameClient> bots) {
        int n = 0;
        for (GameClient b : bots) {
            if (b.state() == dev.skirmish.protocol.connection.ClientState.CONNECTED) {
                n++;
            }
        }
        return n;
    }

    private static void awaitReady(FakeOrchestrator orch, String sessionId) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (orch.calls("/" + sessionId + "/ready").isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(sessionId + " never reported READY");
            }
            Thread.sleep(10);
        }
    }

    private static int freeUdpPort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            return s.getLocalPort();
        }
    }
}
