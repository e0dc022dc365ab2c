package dev.skirmish.orchestrator.launch;

import com.sun.net.httpserver.HttpServer;
import jakarta.annotation.PreDestroy;
import dev.skirmish.orchestrator.config.OrchestratorProperties;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The cold path's JVM startup aid: a JDK 25 AOT cache (classes loaded and linked ahead of time, plus method
 * profiles) for the game-server jar, under {@code <data-dir>/cds}. It is built once per jar version and java
 * runtime by a short training run of the real server in the background, on the same path as a real launch (bind,
 * report READY and heartbeats over HTTP to a stand-in orchestrator, SIGTERM, report the result; the JVM assembles
 * the cache on exit, so the callback path is in it too) and renamed into place only when complete,
 * so launches never see a half-written file. Until it exists, or when it cannot be built (an older java, a jar that does not start), launches simply
 * run without it; a cache the JVM cannot use is skipped by the JVM itself (AOT mode "auto", its logging off).
 * It replaced a dynamic AppCDS archive, which it beat by about a quarter; numbers in docs/benchmarks.md.
 */
@Component
public class StartupCache {
    private static final Logger log = LoggerFactory.getLogger(StartupCache.class);
    private static final Duration TRAINING_READY_TIMEOUT = Duration.ofSeconds(60);
    /** Ticks a little after READY so the match loop's classes and profiles are in the cache too. */
    private static final Duration TRAINING_RUN = Duration.ofSeconds(2);
    private static final Duration ASSEMBLY_TIMEOUT = Duration.ofMinutes(3);
    private static final SecureRandom RANDOM = new SecureRandom();

    private enum Status { TRAINING, FAILED }

    private final OrchestratorProperties props;
    private final PortPool ports;
    private final Map<Path, Status> status = new ConcurrentHashMap<>();
    /** The training server while one runs: it must not outlive the orchestrator (Ctrl-C on ./skirmish up). */
    private volatile Process training;

    public StartupCache(OrchestratorProperties props, PortPool ports) {
        this.props = props;
        this.ports = ports;
    }

    /** JVM options for a launch of {@code jar}: the cache when it is ready, else none (and training starts). */
    public List<String> jvmOptions(String java, Path jar) {
        if (!props.appCds()) {
            return List.of();
        }
        Path cache = cacheFile(java, jar);
        if (Files.isRegularFile(cache)) {
            return List.of("-XX:AOTCache=" + cache, "-Xlog:aot=off", "-Xlog:cds=off");
        }
        if (status.putIfAbsent(cache, Status.TRAINING) == null) {
            Thread.ofVirtual().name("aot-training").start(() -> train(java, jar, cache));
        }
        return List.of();
    }

    /** Whether the cache for this jar and java exists (tests and the benchmark wait for it). */
    public boolean ready(String java, Path jar) {
        return Files.isRegularFile(cacheFile(java, jar));
    }

    Path cacheFile(String java, Path jar) {
        return props.dataDir().toAbsolutePath().resolve("cds").resolve("game-server-" + stamp(java, jar) + ".aot");
    }

    private void train(String java, Path jar, Path cache) {
        OptionalInt port = ports.acquire();
        if (port.isEmpty()) {
            status.remove(cache); // no port to train on now: the next launch tries again
            return;
        }
        Path partial = cache.resolveSibling(cache.getFileName() + ".training");
        Path trainingLog = cache.resolveSibling(cache.getFileName() + ".training.log");
        long t0 = System.nanoTime();
        Process p = null;
        CountDownLatch ready = new CountDownLatch(1);
        HttpServer standIn = null;
        try {
            standIn = standInOrchestrator(ready);
            Files.createDirectories(cache.getParent());
            Files.deleteIfExists(partial);
            // trained on a launch like the real ones, callbacks included (they go to the stand-in); a one-player
            // match trains with the small matches' options, and the cache serves the large ones too (same GC)
            LaunchSpec spec = new LaunchSpec("aot-training", props.bindAddress(), port.getAsInt(), List.of("trainer"),
                    30, props.tickRate(), "http://127.0.0.1:" + standIn.getAddress().getPort(), false, null,
                    trainingLog);
            List<String> cmd = new ArrayList<>();
            cmd.add(java);
            cmd.addAll(GameServerJvmOptions.forLaunch(props, spec));
            cmd.add("-XX:AOTCacheOutput=" + partial);
            cmd.addAll(List.of("-jar", jar.toString()));
            cmd.addAll(spec.arguments());
            ProcessBuilder pb = new ProcessBuilder(cmd);
            byte[] key = new byte[32];
            RANDOM.nextBytes(key);
            // the training server gets no more of the orchestrator's environment than a real one
            ChildEnvironment.apply(pb, Base64.getEncoder().encodeToString(key));
            pb.redirectErrorStream(true);
            pb.redirectOutput(trainingLog.toFile());
            p = pb.start();
            training = p;
            if (!ready.await(TRAINING_READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("the training server did not report READY (see " + trainingLog + ")");
            }
            Thread.sleep(TRAINING_RUN);
            p.destroy(); // SIGTERM: a normal exit, during which the JVM assembles the cache
            if (!p.waitFor(ASSEMBLY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) || !Files.isRegularFile(partial)) {
                throw new IOException("no AOT cache was written (see " + trainingLog + ")");
            }
            Files.move(partial, cache, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            status.remove(cache);
            log.info("AOT cache for game-server launches built in {} ms: {}", (System.nanoTime() - t0) / 1_000_000, cache);
        } catch (IOException | RuntimeException e) {
            status.put(cache, Status.FAILED);
            log.warn("no AOT cache for game-server launches ({}); they start without one", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status.remove(cache);
        } finally {
            training = null;
            if (p != null && p.isAlive()) {
                killTree(p);
                p.onExit().join();
            }
            if (standIn != null) {
                standIn.stop(0);
            }
            ports.release(port.getAsInt());
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // a leftover partial file is never used: launches only look at the final name
            }
        }
    }

    /**
     * The orchestrator stops: a training run still going is killed with whatever it started (the JVM assembles
     * the cache in a child process on exit), so no game-server JVM is left behind.
     */
    @PreDestroy
    void stopTraining() {
        Process p = training;
        if (p != null && p.isAlive()) {
            log.info("stopping the AOT training run (pid {}): the orchestrator stops", p.pid());
            killTree(p);
        }
    }

    private static void killTree(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    /** Answers every callback of the training server with 204, and notes its READY. */
    private static HttpServer standInOrchestrator(CountDownLatch ready) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                if (exchange.getRequestURI().getPath().endsWith("/ready")) {
                    ready.countDown();
                }
                exchange.sendResponseHeaders(204, -1);
            }
        });
        server.start();
        return server;
    }

    /**
     * A new jar or another java gets a new cache: the JVM rejects a cache made for another jar or runtime, and a
     * rejected one would never be rebuilt under the same name.
     */
    private static String stamp(String java, Path jar) {
        long jarStamp;
        try {
            jarStamp = Files.getLastModifiedTime(jar).toMillis() ^ Files.size(jar);
        } catch (IOException e) {
            jarStamp = 0;
        }
        String runtime = java + "|" + Runtime.version();
        return Long.toHexString(jarStamp) + "-" + Integer.toHexString(runtime.hashCode());
    }
}
