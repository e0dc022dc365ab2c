package dev.skirmish.lobby.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The lobby in its own JVM (this build's classes, default profile, H2 file in a temp directory, loopback only),
 * so the harness's clients neither share its heap nor its file descriptors, and its RSS is its own.
 */
final class LobbyProcess implements AutoCloseable {
    /**
     * The lobby's collector, as ./skirmish and the Dockerfile run it: G1 (see docs/benchmarks.md, lobby-service, for the
     * runs behind the choice: generational ZGC's pauses vanish but its extra CPU saturated the two shared cores).
     * {@code -Dbench.serverJvmArgs} naming another collector replaces it (and the heap headroom options that go with it:
     * docs/benchmarks.md, "G1's heap headroom").
     */
    static final String DEFAULT_GC = "-XX:+UseG1GC";
    static final List<String> DEFAULT_GC_OPTIONS = List.of(DEFAULT_GC, "-XX:MinHeapFreeRatio=70", "-XX:MaxHeapFreeRatio=90");

    final int port;
    /** The collector option the lobby runs with. */
    final String gc;
    private final Process process;
    private final Path safepointLog;

    private LobbyProcess(int port, String gc, Process process, Path safepointLog) {
        this.port = port;
        this.gc = gc;
        this.process = process;
        this.safepointLog = safepointLog;
    }

    static LobbyProcess start(String heap, Path log, String... extraArgs) throws IOException, InterruptedException {
        int port;
        try (var probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path db = Files.createTempDirectory("lobby-bench");
        Path safepoints = log.resolveSibling("lobby-bench-safepoints.log");
        Files.deleteIfExists(safepoints);
        // every stop-the-world pause of the lobby (any collector, plus deoptimisation etc.), stamped with wall-clock ms
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap,
                "-Xlog:safepoint=info:file=" + safepoints + ":timemillis",
                // and each collection with its cause
                "-Xlog:gc:file=" + log.resolveSibling("lobby-bench-gc.log") + ":time"));
        // e.g. -Dbench.serverJvmArgs=-XX:StartFlightRecording=filename=target/lobby.jfr to profile the lobby
        String extraJvm = System.getProperty("bench.serverJvmArgs", "").strip();
        var chosenGc = java.util.regex.Pattern.compile("-XX:\\+Use\\w+GC").matcher(extraJvm);
        boolean chosen = chosenGc.find();
        String gc = chosen ? chosenGc.group() : DEFAULT_GC;
        if (!chosen) cmd.addAll(DEFAULT_GC_OPTIONS);
        if (!extraJvm.isEmpty()) cmd.addAll(List.of(extraJvm.split("\\s+")));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.skirmish.lobby.LobbyApplication",
                "--server.port=" + port, "--server.address=127.0.0.1", "--spring.datasource.url=jdbc:h2:file:" + db.resolve("lobby"),
                "--skirmish.lobby.token-secret=bench-secret-0123456789abcdef", "--skirmish.lobby.max-capacity=10",
                "--server.jetty.max-connections=20000",
                // every simulated client signs up from loopback: the per-address abuse limit would stop the 21st
                "--skirmish.lobby.limits.guest-sign-ups-per-address=1000000", "--skirmish.lobby.limits.join-attempts-per-player=1000",
                "--logging.level.root=WARN", "--logging.level.dev.skirmish=WARN"));
        cmd.addAll(List.of(extraArgs));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        var lobby = new LobbyProcess(port, gc, p, safepoints);
        var http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline && p.isAlive()) {
            try {
                var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) return lobby;
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        lobby.close();
        throw new IllegalStateException("the lobby did not become ready; see " + log);
    }

    long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", ""));
        }
        return 0;
    }

    /**
     * The lobby's stop-the-world pauses that began between two wall-clock instants (ms since the epoch), from its
     * safepoint log: count, total and longest, in ms.
     */
    Pauses pausesBetween(long fromMillis, long toMillis) throws IOException {
        var line = java.util.regex.Pattern.compile("^\\[(\\d+)ms].*Total: (\\d+) ns");
        int count = 0;
        double total = 0;
        double max = 0;
        if (!Files.exists(safepointLog)) return new Pauses(0, 0, 0);
        for (String l : Files.readAllLines(safepointLog)) {
            var m = line.matcher(l);
            if (!m.find()) continue;
            long at = Long.parseLong(m.group(1));
            if (at < fromMillis || at > toMillis) continue;
            double ms = Long.parseLong(m.group(2)) / 1e6;
            count++;
            total += ms;
            max = Math.max(max, ms);
        }
        return new Pauses(count, total, max);
    }

    record Pauses(int count, double totalMs, double maxMs) {
        @Override
        public String toString() {
            return "%d pauses, %.1f ms in all, longest %.1f ms".formatted(count, totalMs, maxMs);
        }
    }

    /** User + system CPU the lobby process has used so far (Linux /proc, 100 ticks per second). */
    double cpuSeconds() throws IOException {
        return userCpuSeconds() + systemCpuSeconds();
    }

    /** The part of {@link #cpuSeconds} spent in the kernel (socket writes and reads, futexes). */
    double systemCpuSeconds() throws IOException {
        return stat(12) / 100.0;
    }

    private double userCpuSeconds() throws IOException {
        return stat(11) / 100.0;
    }

    private long stat(int field) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[field]);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
}
