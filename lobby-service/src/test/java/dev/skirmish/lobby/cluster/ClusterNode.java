package dev.skirmish.lobby.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One lobby node in its own JVM with profile {@code cluster}: this build's classes, a random loopback port, the
 * shared PostgreSQL schema and RabbitMQ. Secrets (database password, relay passcode, token secret, service key) go
 * in its environment, never on its command line.
 */
final class ClusterNode implements AutoCloseable {
    final int port;
    final Process process;
    final Path log;

    private ClusterNode(int port, Process process, Path log) {
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** The test PostgreSQL's URL ({@code SKIRMISH_TEST_POSTGRES_URL}) narrowed to one schema. */
    static String jdbcUrl(String schema) {
        String url = System.getenv("SKIRMISH_TEST_POSTGRES_URL");
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    static String dbUser() {
        return System.getenv().getOrDefault("SKIRMISH_TEST_POSTGRES_USER", "skirmish");
    }

    static String dbPassword() {
        return System.getenv().getOrDefault("SKIRMISH_TEST_POSTGRES_PASSWORD", "skirmish");
    }

    /**
     * The test RabbitMQ's STOMP host and port ({@code SKIRMISH_TEST_RABBITMQ_STOMP}, {@code host:port}); RabbitMQ's
     * default on loopback for a test that needs none (BrokerDownIT replaces the port).
     */
    static String[] relay() {
        return System.getenv().getOrDefault("SKIRMISH_TEST_RABBITMQ_STOMP", "127.0.0.1:61613").split(":");
    }

    /**
     * What every test node's environment holds: its schema of the test PostgreSQL, the test RabbitMQ, the token
     * secret and the service key (mutable: a test adds or replaces entries).
     */
    static Map<String, String> environment(String schema, String tokenSecret, String serviceKey) {
        String[] relay = relay();
        Map<String, String> env = new HashMap<>();
        env.put("SKIRMISH_DB_URL", jdbcUrl(schema));
        env.put("SKIRMISH_DB_USER", dbUser());
        env.put("SKIRMISH_DB_PASSWORD", dbPassword());
        env.put("SKIRMISH_RELAY_HOST", relay[0]);
        env.put("SKIRMISH_RELAY_PORT", relay[1]);
        env.put("SKIRMISH_RELAY_LOGIN", System.getenv().getOrDefault("SKIRMISH_TEST_RABBITMQ_LOGIN", "guest"));
        env.put("SKIRMISH_RELAY_PASSCODE", System.getenv().getOrDefault("SKIRMISH_TEST_RABBITMQ_PASSCODE", "guest"));
        env.put("SKIRMISH_LOBBY_TOKEN_SECRET", tokenSecret);
        env.put("SKIRMISH_SERVICE_KEY", serviceKey);
        return env;
    }

    static ClusterNode start(String name, Path log, Map<String, String> env, String... args) throws IOException, InterruptedException {
        int port;
        try (var probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "dev.skirmish.lobby.LobbyApplication",
                "--spring.profiles.active=cluster", "--server.port=" + port, "--server.address=127.0.0.1",
                "--logging.level.root=WARN", "--logging.level.dev.skirmish=INFO"));
        // -Dskirmish.it.cluster-fanout=relay runs the cluster tests over Spring's relay instead of the default, NodeBridge
        String fanout = System.getProperty("skirmish.it.cluster-fanout");
        boolean chosen = java.util.Arrays.stream(args).anyMatch(a -> a.startsWith("--skirmish.cluster.fanout="));
        if (fanout != null && !fanout.isBlank() && !chosen) cmd.add("--skirmish.cluster.fanout=" + fanout);
        // -Dskirmish.it.bundle-window=0 runs them with fan-out node's per-room frames instead of its bundles (the default, 2ms)
        String window = System.getProperty("skirmish.it.bundle-window");
        if (window != null && !window.isBlank()) cmd.add("--skirmish.cluster.bundle-window=" + window);
        cmd.addAll(List.of(args));
        var pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        var node = new ClusterNode(port, pb.start(), log);
        var http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && node.process.isAlive()) {
            try {
                var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) return node;
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        node.close();
        throw new IllegalStateException("lobby node " + name + " did not become ready; see " + log);
    }

    /** {@code kill -9}: no shutdown hook, no goodbye to RabbitMQ or PostgreSQL. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
}
