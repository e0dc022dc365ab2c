package dev.skirmish.gameserver.bench;

import com.sun.net.httpserver.HttpServer;
import dev.skirmish.protocol.client.GameClient;
import dev.skirmish.protocol.packet.InputFrame;
import dev.skirmish.protocol.token.ConnectToken;
import dev.skirmish.protocol.token.ConnectTokens;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Not a test: trains a game-server AOT cache the way the orchestrator's {@code StartupCache} does (session-orchestrator
 * {@code launch} package): a one-player match nobody joins ({@code player=true}: that player joined and playing over
 * UDP, a lever measured and not kept), its callbacks (READY, heartbeats, result) answered by a stand-in orchestrator
 * on loopback, ~2 s of ticking after READY, then SIGTERM, the JVM writing the cache as it exits.
 * What a cache holds is what its training run loaded, and every class in it is mapped (and, relocated, made private)
 * in every server that uses it: a cache trained on a 6-bot match is ~3 MiB larger than the orchestrator's.
 * Bounded: 60 s to READY, 2 s of match, 3 min for the JVM to write the cache; the child never outlives it.
 */
final class AotTraining {
    private AotTraining() {
    }

    /** Walk right, jump and shoot, walk left and swing (the played-training lever's moves). */
    private static final int[] MOVES = {InputFrame.RIGHT, InputFrame.RIGHT | InputFrame.JUMP, InputFrame.RIGHT | InputFrame.PISTOL,
            InputFrame.LEFT, InputFrame.LEFT | InputFrame.SWORD, InputFrame.LEFT | InputFrame.JUMP | InputFrame.PISTOL};

    private static void play(byte[] key, int port, Instant until) {
        InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        String token = ConnectTokens.issue(key, "aot-training", "trainer", "trainer", server, Instant.now().plusSeconds(60));
        try (GameClient client = GameClient.connect(ConnectToken.parse(token), server, Duration.ofSeconds(5))) {
            long next = System.nanoTime();
            for (int tick = 0; Instant.now().isBefore(until); tick++) {
                client.sendInput(MOVES[tick / 10 % MOVES.length]);
                client.drainEvents();
                next += 1_000_000_000L / 60;
                LockSupport.parkNanos(next - System.nanoTime());
            }
        }
    }

    /** Writes {@code cache} with a training run of {@code jvmOptions} (space-separated, no AOT options of its own). */
    static void orchestratorStyle(Path jar, String jvmOptions, Path cache, boolean player) throws Exception {
        CountDownLatch ready = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger port = new java.util.concurrent.atomic.AtomicInteger();
        HttpServer standIn = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        standIn.createContext("/", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                if (exchange.getRequestURI().getPath().endsWith("/ready")) {
                    port.set(Integer.parseInt(body.replaceAll("(?s).*\"port\":(\\d+).*", "$1")));
                    ready.countDown();
                }
                exchange.sendResponseHeaders(204, -1);
            }
        });
        standIn.start();
        Path partial = cache.resolveSibling(cache.getFileName() + ".training");
        Files.deleteIfExists(partial);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(List.of(jvmOptions.trim().split(" +")));
        cmd.add("-XX:AOTCacheOutput=" + partial);
        cmd.addAll(List.of("-jar", jar.toString(), "--session-id", "aot-training", "--port", "0", "--address", "127.0.0.1",
                "--players", "trainer", "--tick-rate", "60", "--match-seconds", "30",
                "--orchestrator-url", "http://127.0.0.1:" + standIn.getAddress().getPort()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().put("MALLOC_ARENA_MAX", "2");
        byte[] key = ConnectTokens.newSessionKey();
        pb.environment().put("SKIRMISH_SESSION_KEY", Base64.getEncoder().encodeToString(key));
        Process p = pb.start();
        try {
            if (!ready.await(60, TimeUnit.SECONDS)) {
                throw new IOException("the training server did not report READY");
            }
            Instant until = Instant.now().plusSeconds(2);
            if (player) {
                play(key, port.get(), until);
            }
            long left = Duration.between(Instant.now(), until).toMillis();
            if (left > 0) {
                Thread.sleep(left);
            }
            p.destroy(); // SIGTERM: a normal exit, during which the JVM assembles the cache
            if (!p.waitFor(3, TimeUnit.MINUTES) || !Files.isRegularFile(partial)) {
                throw new IOException("no AOT cache was written");
            }
            Files.move(partial, cache, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            standIn.stop(0);
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }
}
