package dev.skirmish.lobby.cluster;

import java.io.IOException;
import java.net.DatagramSocket;
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
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The parts of a live match around the lobby nodes, as child processes: the packaged session-orchestrator (which
 * starts real game-server processes) and HAProxy in front of the nodes, as docker-compose's {@code cluster} profile
 * has it. The orchestrator's events go to the balancer, so they reach whichever node is alive.
 */
final class MatchStack {
    static final String ORCHESTRATOR_JAR = "cluster.orchestrator.jar";
    static final String GAME_SERVER_JAR = "cluster.gameserver.jar";

    private MatchStack() {
    }

    /** Null when everything needed is here, else why the test is skipped. */
    static String missing() {
        for (String property : List.of(ORCHESTRATOR_JAR, GAME_SERVER_JAR)) {
            String jar = System.getProperty(property);
            if (jar == null || !Files.isRegularFile(Path.of(jar))) {
                return property + " (" + jar + ") is not a packaged jar: run through ./mvnw verify, which packages the orchestrator and game server first";
            }
        }
        for (String dir : List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin")) {
            if (Files.isExecutable(Path.of(dir, "haproxy"))) return null;
        }
        return "haproxy is not installed (Debian: apt-get install haproxy; .ci/run installs it)";
    }

    static String haproxy() {
        for (String dir : List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin")) {
            if (Files.isExecutable(Path.of(dir, "haproxy"))) return Path.of(dir, "haproxy").toString();
        }
        throw new IllegalStateException("no haproxy");
    }

    static int freePort() throws IOException {
        try (var probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    /** A base whose first UDP ports are free now; the orchestrator skips any taken later. */
    static int freeUdpBase(int range) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 60_000 - range);
            boolean free = true;
            for (int p = base; p < base + 4 && free; p++) {
                try (DatagramSocket s = new DatagramSocket(p)) {
                    free = s.getLocalPort() == p;
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) return base;
        }
        throw new IllegalStateException("no free UDP port range");
    }

    /** The orchestrator, its secrets in its environment only; ready once its health answers. */
    static Process orchestrator(Path dir, int port, String lobbyEventsUrl, String serviceKey) throws Exception {
        int udp = freeUdpBase(20);
        List<String> cmd = List.of(java(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar",
                System.getProperty(ORCHESTRATOR_JAR), "--server.port=" + port, "--server.address=127.0.0.1",
                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("orchestrator-db").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE",
                "--skirmish.orchestrator.data-dir=" + dir.resolve("orchestrator").toAbsolutePath(),
                "--skirmish.orchestrator.game-server-jar=" + System.getProperty(GAME_SERVER_JAR),
                "--skirmish.orchestrator.port-range-start=" + udp, "--skirmish.orchestrator.port-range-end=" + (udp + 19),
                "--skirmish.orchestrator.max-sessions=4", "--skirmish.orchestrator.ready-timeout=60s",
                "--skirmish.orchestrator.missed-heartbeats=10", "--skirmish.orchestrator.stop-sessions-on-shutdown=true",
                "--skirmish.orchestrator.lobby-events-url=" + lobbyEventsUrl, "--skirmish.orchestrator.event-retry-max=1s",
                "--spring.main.banner-mode=off", "--logging.level.root=WARN", "--logging.level.dev.skirmish=INFO");
        var pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("orchestrator.log").toFile());
        pb.environment().put("SKIRMISH_SERVICE_KEY", serviceKey);
        Process p = pb.start();
        waitHealthy(p, "http://127.0.0.1:" + port + "/actuator/health", Duration.ofSeconds(120), dir.resolve("orchestrator.log"));
        return p;
    }

    /** HAProxy on {@code port} in front of the nodes, checking their readiness twice a second, WebSockets tunnelled. */
    static Process balancer(Path dir, int port, Map<String, Integer> nodes) throws Exception {
        var cfg = new StringBuilder("""
                global
                    maxconn 512
                defaults
                    mode http
                    timeout connect 2s
                    timeout client 60s
                    timeout server 60s
                    timeout tunnel 5m
                    option redispatch
                    retries 3
                frontend lobby
                    bind 127.0.0.1:%d
                    default_backend nodes
                backend nodes
                    balance roundrobin
                    option httpchk GET /actuator/health/readiness
                """.formatted(port));
        // room affinity's hint (docs/scaling.md): /ws?node=<name> goes to that node while it is up, as in docker/haproxy
        nodes.keySet().forEach(name -> cfg.append("    use-server ").append(name).append(" if { urlp(node) -m str ").append(name).append(" }\n"));
        nodes.forEach((name, nodePort) -> cfg.append("    server ").append(name).append(" 127.0.0.1:").append(nodePort)
                .append(" check inter 500ms fall 2 rise 2\n"));
        Path file = Files.writeString(dir.resolve("haproxy.cfg"), cfg);
        Process p = new ProcessBuilder(haproxy(), "-db", "-f", file.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("haproxy.log").toFile()).start();
        waitHealthy(p, "http://127.0.0.1:" + port + "/actuator/health/readiness", Duration.ofSeconds(30), dir.resolve("haproxy.log"));
        return p;
    }

    private static void waitHealthy(Process p, String url, Duration timeout, Path log) throws Exception {
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && p.isAlive()) {
            try {
                var r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) return;
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        stop(p);
        throw new IllegalStateException(url + " did not answer 200 within " + timeout + "; see " + log);
    }

    /** SIGTERM, then SIGKILL, and every descendant (game servers) in any case. */
    static void stop(Process p) throws InterruptedException {
        if (p == null) return;
        List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
        p.destroy();
        if (!p.waitFor(20, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        tree.forEach(ProcessHandle::destroyForcibly);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
