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
    final int port;
    private final Process process;

    private LobbyProcess(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    static LobbyProcess start(String heap, Path log, String... extraArgs) throws IOException, InterruptedException {
        int port;
        try (var probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path db = Files.createTempDirectory("lobby-bench");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap,
                "-XX:+UseParallelGC"));
        // e.g. -Dbench.serverJvmArgs=-XX:StartFlightRecording=filename=target/lobby.jfr to profile the lobby
        String extraJvm = System.getProperty("bench.serverJvmArgs", "").strip();
        if (!extraJvm.isEmpty()) cmd.addAll(List.of(extraJvm.split("\\s+")));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.skirmish.lobby.LobbyApplication",
                "--server.port=" + port, "--server.address=127.0.0.1", "--spring.datasource.url=jdbc:h2:file:" + db.resolve("lobby"),
                "--skirmish.lobby.token-secret=bench-secret-0123456789abcdef", "--skirmish.lobby.max-capacity=10",
                "--server.tomcat.max-connections=20000", "--server.tomcat.accept-count=1000",
                "--logging.level.root=WARN", "--logging.level.dev.skirmish=WARN"));
        cmd.addAll(List.of(extraArgs));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        var lobby = new LobbyProcess(port, p);
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

    /** User + system CPU the lobby process has used so far (Linux /proc, 100 ticks per second). */
    double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
}
