package dev.skirmish.gameserver.bench;

import dev.skirmish.gameserver.report.Json;
import dev.skirmish.protocol.client.GameClient;
import dev.skirmish.protocol.token.ConnectTokens;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

/**
 * Not a test: runs the packaged server (its own JVM, {@code serverJvm} options) with N bot GameClients in this JVM
 * over loopback for T seconds and writes a JSON report. Server-side numbers come from its {@code --metrics-file},
 * bandwidth from the bots, CPU from both processes' CPU time. The bots share the machine's cores with the server,
 * so the numbers are pessimistic. Bounded: at most 64 bots and 600 s, and the server is always stopped.
 *
 * <pre>java -cp game-server/target/test-classes:game-server/target/game-server.jar \
 *     dev.skirmish.gameserver.bench.GameServerBenchmark [players=64] [seconds=30] [tickRate=60] [warmup=5]
 *     [out=game-server/target/benchmarks/game-server.json] [serverJvm="-Xss512k -Xmx256m ..."]
 *     [jar=game-server/target/game-server.jar]</pre>
 */
public final class GameServerBenchmark {
    public static void main(String[] argv) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        for (String a : argv) {
            int eq = a.indexOf('=');
            opts.put(a.substring(0, eq), a.substring(eq + 1));
        }
        int players = Integer.parseInt(opts.getOrDefault("players", "64"));
        int seconds = Integer.parseInt(opts.getOrDefault("seconds", "30"));
        int tickRate = Integer.parseInt(opts.getOrDefault("tickRate", "60"));
        int warmup = Integer.parseInt(opts.getOrDefault("warmup", "5"));
        Path out = Path.of(opts.getOrDefault("out", "game-server/target/benchmarks/game-server.json"));
        // bounded: a load run must stop by itself and stay within what one match allows
        if (players < 1 || players > 64 || seconds < 1 || seconds > 600 || warmup < 0 || warmup > 60
                || tickRate < 10 || tickRate > 240) {
            throw new IllegalArgumentException("players 1..64, seconds 1..600, warmup 0..60, tickRate 10..240");
        }

        Path jar = Path.of(opts.getOrDefault("jar", "game-server/target/game-server.jar"));
        // default: the JVM options the orchestrator launches game servers with (docs/orchestrator-api.md), so the
        // benchmark measures the server as it runs in production
        String jvm = opts.getOrDefault("serverJvm", "-Xss512k -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        Path metricsFile = Files.createTempFile("game-server-metrics", ".json");

        byte[] key = ConnectTokens.newSessionKey();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < players; i++) {
            names.add("bot" + i);
        }
        String session = "bench";
        // the server runs in its own JVM, as in production: the bots' garbage does not pause its ticks
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (!jvm.isBlank()) {
            cmd.addAll(List.of(jvm.split(" ")));
        }
        cmd.addAll(List.of("-jar", jar.toString(), "--session-id", session, "--port", "0", "--address", "127.0.0.1",
                "--players", String.join(",", names), "--tick-rate", "" + tickRate,
                "--match-seconds", "" + (warmup + seconds + 60), "--metrics-file", metricsFile.toString(),
                "--metrics-warmup", "" + warmup));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("SKIRMISH_SESSION_KEY", Base64.getEncoder().encodeToString(key));
        Process server = pb.start();
        // whatever happens to the harness (a bot that cannot connect, Ctrl-C), the server does not outlive it
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (server.isAlive()) {
                server.destroyForcibly();
            }
        }));
        BufferedReader stdout = new BufferedReader(new InputStreamReader(server.getInputStream(),
                StandardCharsets.UTF_8));
        String ready = stdout.readLine();
        while (ready != null && !ready.startsWith("READY ")) { // JVM notices (JFR, CDS) may come first
            ready = stdout.readLine();
        }
        if (ready == null || !ready.startsWith("READY ")) {
            server.destroyForcibly();
            throw new IllegalStateException("server did not start: " + ready);
        }
        int port = Integer.parseInt(ready.replaceAll(".*:(\\d+) session=.*", "$1"));

        InetSocketAddress addr = new InetSocketAddress("127.0.0.1", port);
        List<GameClient> bots = new ArrayList<>();
        for (String name : names) {
            bots.add(GameClient.connect(ConnectTokens.issue(key, session, "id-" + name, name, addr,
                    Instant.now().plusSeconds(3600)), Duration.ofSeconds(10)));
        }
        long connectedAt = System.nanoTime();
        System.err.printf("%d bots connected; warm-up %d s, then measuring %d s%n", players, warmup, seconds);

        Random random = new Random(42);
        int[] buttons = new int[players];
        long period = 1_000_000_000L / tickRate;
        long start = System.nanoTime();
        // the server's warm-up clock started at READY, a little before all bots were in
        long warmEnd = connectedAt + warmup * 1_000_000_000L;
        long end = warmEnd + seconds * 1_000_000_000L;
        long next = start;
        boolean measuring = false;
        long[] inAtStart = new long[players];
        long[] outAtStart = new long[players];
        long serverCpuAtStart = 0;
        long harnessCpuAtStart = 0;
        String loadAtStart = "";
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        while (System.nanoTime() < end) {
            if (!measuring && System.nanoTime() >= warmEnd) {
                measuring = true;
                serverCpuAtStart = cpuNanos(server);
                harnessCpuAtStart = os.getProcessCpuTime();
                loadAtStart = loadAverage();
                for (int i = 0; i < players; i++) {
                    inAtStart[i] = bots.get(i).bytesIn();
                    outAtStart[i] = bots.get(i).bytesOut();
                }
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
        double measured = seconds;
        double serverCpuPercent = (cpuNanos(server) - serverCpuAtStart) / 1e7 / measured;
        double harnessCpuPercent = (os.getProcessCpuTime() - harnessCpuAtStart) / 1e7 / measured;
        String loadAtEnd = loadAverage();
        double downKbps = 0;
        double upKbps = 0;
        int maxClientPacket = 0;
        for (int i = 0; i < players; i++) {
            downKbps += (bots.get(i).bytesIn() - inAtStart[i]) * 8 / 1000.0 / measured;
            upKbps += (bots.get(i).bytesOut() - outAtStart[i]) * 8 / 1000.0 / measured;
            maxClientPacket = Math.max(maxClientPacket, bots.get(i).maxPacketBytes());
        }
        server.toHandle().destroy(); // SIGTERM: the server ends the match and writes its metrics
        if (!server.waitFor(20, TimeUnit.SECONDS)) {
            server.destroyForcibly();
            throw new IllegalStateException("server did not stop");
        }
        for (GameClient c : bots) {
            c.close();
        }
        String m = Files.readString(metricsFile);
        Files.deleteIfExists(metricsFile);
        String json = "{\n"
                + "  \"players\": " + players + ",\n"
                + "  \"tick_rate\": " + tickRate + ",\n"
                + "  \"measured_seconds\": " + seconds + ",\n"
                + "  \"cpus\": " + Runtime.getRuntime().availableProcessors() + ",\n"
                + "  \"server_jvm\": \"" + jvm + "\",\n"
                + "  \"tick_ms_p50\": " + field(m, "tick_ms_p50") + ",\n"
                + "  \"tick_ms_p99\": " + field(m, "tick_ms_p99") + ",\n"
                + "  \"tick_ms_max\": " + field(m, "tick_ms_max") + ",\n"
                + "  \"tick_cpu_ms_p50\": " + field(m, "tick_cpu_ms_p50") + ",\n"
                + "  \"tick_cpu_ms_p99\": " + field(m, "tick_cpu_ms_p99") + ",\n"
                + "  \"tick_cpu_ms_max\": " + field(m, "tick_cpu_ms_max") + ",\n"
                + "  \"tick_jitter_ms_p99\": " + field(m, "tick_jitter_ms_p99") + ",\n"
                + "  \"missed_ticks\": " + field(m, "missed_ticks") + ",\n"
                + "  \"down_kbps_per_client_mean\": " + Json.number(downKbps / players) + ",\n"
                + "  \"up_kbps_per_client_mean\": " + Json.number(upKbps / players) + ",\n"
                + "  \"max_packet_bytes\": " + Math.max(Integer.parseInt(field(m, "max_packet_bytes")),
                        maxClientPacket) + ",\n"
                + "  \"delta_to_full_ratio\": " + field(m, "delta_to_full_ratio") + ",\n"
                + "  \"server_dropped_packets\": " + field(m, "dropped_packets") + ",\n"
                + "  \"server_dropped_inbound\": " + field(m, "dropped_inbound") + ",\n"
                + "  \"server_cpu_percent\": " + Json.number(serverCpuPercent) + ",\n"
                + "  \"harness_cpu_percent\": " + Json.number(harnessCpuPercent) + ",\n"
                + "  \"load_average_start\": \"" + loadAtStart + "\",\n"
                + "  \"load_average_end\": \"" + loadAtEnd + "\"\n"
                + "}\n";
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, json);
        System.out.print(json);
        System.err.println("report written to " + out);
    }

    /** CPU time the server process used so far (100 % = one core busy). */
    private static long cpuNanos(Process server) {
        return server.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /** The 1/5/15-minute load averages (Linux), to say how busy the machine was around the server. */
    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static String field(String json, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + name + "\":([-0-9.]+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("server metrics lack " + name + ": " + json);
        }
        return m.group(1);
    }
}
