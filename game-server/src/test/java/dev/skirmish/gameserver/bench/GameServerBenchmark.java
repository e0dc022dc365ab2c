package dev.skirmish.gameserver.bench;

import dev.skirmish.gameserver.report.Json;
import dev.skirmish.protocol.token.ConnectTokens;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Not a test: runs the packaged server (its own JVM, {@code serverJvm} options) and N bots ({@link BotFleet}, a
 * second JVM started at a lower CPU priority, see {@link BotPriority}) over loopback for T seconds and writes a
 * JSON report. Server-side numbers come from its {@code --metrics-file}, bandwidth from the bots, CPU from both
 * processes' CPU time. The bots share the machine's cores with the server. Bounded: at most 64 bots and 600 s,
 * and neither child process outlives the harness.
 *
 * <pre>java -cp game-server/target/test-classes:game-server/target/game-server.jar \
 *     dev.skirmish.gameserver.bench.GameServerBenchmark [players=64] [seconds=30] [tickRate=60] [warmup=5]
 *     [out=game-server/target/benchmarks/game-server.json] [serverJvm="-Xss512k -Xmx256m ..."]
 *     [bots=idle|nice|normal] [jar=game-server/target/game-server.jar]
 *     [loss=5% latency=100ms jitter=20ms seed=1 probes=4]</pre>
 *
 * With {@code loss}, {@code latency} or {@code jitter} the bots reach the server through a simulated network
 * ({@code UdpRelay}, both ways, latency one way) and the report adds what it cost: inputs lost, prediction
 * corrections per second per client (of {@code probes} predicting bots) and reliable-event delivery p99.
 */
public final class GameServerBenchmark {
    public static void main(String[] argv) throws Exception {
        BenchArgs opts = BenchArgs.parse(argv);
        int players = opts.intOr("players", 64);
        int seconds = opts.intOr("seconds", 30);
        int tickRate = opts.intOr("tickRate", 60);
        int warmup = opts.intOr("warmup", 5);
        Path out = opts.pathOr("out", "game-server/target/benchmarks/game-server.json");
        // bounded: a load run must stop by itself and stay within what one match allows
        if (players < 1 || players > 64 || seconds < 1 || seconds > 600 || warmup < 0 || warmup > 60
                || tickRate < 10 || tickRate > 240) {
            throw new IllegalArgumentException("players 1..64, seconds 1..600, warmup 0..60, tickRate 10..240");
        }

        Path jar = opts.pathOr("jar", "game-server/target/game-server.jar");
        // default: the JVM options the orchestrator launches game servers with (docs/orchestrator-api.md), so the
        // benchmark measures the server as it runs in production
        BotPriority botPriority = BotPriority.of(opts.stringOr("bots", "idle"));
        String jvm = opts.stringOr("serverJvm", "-Xss512k -Xmx256m -XX:+UseSerialGC");
        Path metricsFile = Files.createTempFile("game-server-metrics", ".json");
        List<String> network = new ArrayList<>();
        for (String option : List.of("loss", "latency", "jitter", "seed", "probes")) {
            if (opts.values().containsKey(option)) {
                network.add(option + "=" + opts.values().get(option));
            }
        }

        byte[] key = ConnectTokens.newSessionKey();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < players; i++) {
            names.add(botName(i));
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

        // the bots: a process of their own at a lower CPU priority (see BotPriority)
        List<String> botCmd = new ArrayList<>(botPriority.prefix);
        botCmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), BotFleet.class.getName(),
                "port=" + port, "players=" + players, "tickRate=" + tickRate, "warmup=" + warmup,
                "seconds=" + seconds, "session=" + session));
        botCmd.addAll(network);
        ProcessBuilder bpb = new ProcessBuilder(botCmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        bpb.environment().put("SKIRMISH_SESSION_KEY", Base64.getEncoder().encodeToString(key));
        Process botProcess = bpb.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (botProcess.isAlive()) {
                botProcess.destroyForcibly();
            }
        }));
        BufferedReader botOut = new BufferedReader(new InputStreamReader(botProcess.getInputStream(),
                StandardCharsets.UTF_8));
        expectLine(botOut, "CONNECTED", botProcess);
        System.err.printf("%d bots connected (bot process priority: %s); warm-up %d s, then measuring %d s%n",
                players, botPriority.label, warmup, seconds);
        expectLine(botOut, "MEASURING", botProcess);
        long serverCpuAtStart = cpuNanos(server);
        String loadAtStart = loadAverage();
        String result = expectLine(botOut, "RESULT ", botProcess);
        double measured = seconds;
        double serverCpuPercent = (cpuNanos(server) - serverCpuAtStart) / 1e7 / measured;
        String loadAtEnd = loadAverage();
        server.toHandle().destroy(); // SIGTERM: the server ends the match and writes its metrics
        if (!server.waitFor(20, TimeUnit.SECONDS)) {
            server.destroyForcibly();
            throw new IllegalStateException("server did not stop");
        }
        botProcess.getOutputStream().close(); // the bots disconnect and their process exits
        if (!botProcess.waitFor(10, TimeUnit.SECONDS)) {
            botProcess.destroyForcibly();
        }
        double harnessCpuPercent = resultField(result, "cpu_nanos") / 1e7 / measured;
        double downKbps = resultField(result, "down_bytes") * 8 / 1000.0 / measured;
        double upKbps = resultField(result, "up_bytes") * 8 / 1000.0 / measured;
        int maxClientPacket = (int) resultField(result, "max_packet_bytes");
        long probes = resultField(result, "probes");
        double correctionsPerSecond = probes == 0 ? 0 : resultField(result, "corrections") / measured / probes;
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
                + "  \"network\": \"" + (network.isEmpty() ? "loopback" : String.join(" ", network)) + "\",\n"
                + "  \"inputs_lost\": " + field(m, "inputs_lost") + ",\n"
                + "  \"prediction_corrections_per_second_per_client\": " + Json.number(correctionsPerSecond) + ",\n"
                + "  \"reliable_event_delivery_ms_p99\": " + field(m, "event_ack_ms_p99") + ",\n"
                + "  \"server_cpu_percent\": " + Json.number(serverCpuPercent) + ",\n"
                + "  \"harness_cpu_percent\": " + Json.number(harnessCpuPercent) + ",\n"
                + "  \"bot_priority\": \"" + botPriority.label + "\",\n"
                + "  \"load_average_start\": \"" + loadAtStart + "\",\n"
                + "  \"load_average_end\": \"" + loadAtEnd + "\"\n"
                + "}\n";
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, json);
        System.out.print(json);
        System.err.println("report written to " + out);
    }

    static String botName(int i) {
        return "bot" + i;
    }

    /**
     * How the bot process is started. The bots stand in for clients on other machines, but here they share the
     * server's two cores (a third of a core for 64 bots); at the same priority the scheduler lets them hold a
     * core for a whole time slice while the tick thread waits to start. {@code idle} (default) runs them under
     * Linux's SCHED_IDLE policy ({@code chrt --idle 0}: they only get a core the server does not want, and a
     * waking server thread preempts them at once), {@code nice} at {@code nice -n 19}, {@code normal} as the
     * server. Where {@code chrt}/{@code nice} are missing it falls back to the next one, and the report says which
     * was used. The server's own threads (tick, Netty loop, JIT, GC) are never deprioritised.
     */
    enum BotPriority {
        IDLE("idle (chrt --idle 0)", List.of("chrt", "--idle", "0")),
        NICE("nice -n 19", List.of("nice", "-n", "19")),
        NORMAL("normal (same as the server)", List.of());

        final String label;
        final List<String> prefix;

        BotPriority(String label, List<String> prefix) {
            this.label = label;
            this.prefix = prefix;
        }

        static BotPriority of(String name) {
            BotPriority wanted = switch (name) {
                case "idle" -> IDLE;
                case "nice" -> NICE;
                case "normal" -> NORMAL;
                default -> throw new IllegalArgumentException("bots=idle|nice|normal, not " + name);
            };
            for (BotPriority p : values()) {
                if (p.ordinal() >= wanted.ordinal() && p.available()) {
                    return p;
                }
            }
            return NORMAL;
        }

        private boolean available() {
            if (prefix.isEmpty()) {
                return true;
            }
            try {
                Process p = new ProcessBuilder(List.of(prefix.get(0), "--version"))
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (java.io.IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** Reads the bot process's stdout up to the line starting with {@code prefix}; fails when it ends first. */
    private static String expectLine(BufferedReader in, String prefix, Process bots) throws java.io.IOException {
        String line;
        while ((line = in.readLine()) != null) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        bots.destroyForcibly();
        throw new IllegalStateException("the bot process ended before " + prefix.trim());
    }

    private static long resultField(String line, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(name + "=(\\d+)").matcher(line);
        if (!m.find()) {
            throw new IllegalStateException("bot result lacks " + name + ": " + line);
        }
        return Long.parseLong(m.group(1));
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
