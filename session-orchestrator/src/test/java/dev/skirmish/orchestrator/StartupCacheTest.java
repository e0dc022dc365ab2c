package dev.skirmish.orchestrator;

import static dev.skirmish.orchestrator.TestOrchestrator.createBody;
import static dev.skirmish.orchestrator.TestOrchestrator.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skirmish.orchestrator.config.OrchestratorProperties;
import dev.skirmish.orchestrator.launch.LocalProcessLauncher;
import dev.skirmish.orchestrator.launch.StartupCache;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The AOT cache for cold launches with the real game-server jar: the first launch runs without it and starts the
 * training run, later launches use the cache, and a cache the JVM cannot use does not stop a launch.
 */
class StartupCacheTest {
    @TempDir
    Path dir;

    @Test
    void theCacheIsBuiltOnceThenUsedAndAnUnusableOneIsSkippedSilently() throws Exception {
        Map<String, Object> p = TestOrchestrator.defaults(dir, TestJars.realServerJar());
        p.put("skirmish.orchestrator.app-cds", true);
        p.put("skirmish.orchestrator.port-range-start", TestOrchestrator.udp(7750));
        p.put("skirmish.orchestrator.port-range-end", TestOrchestrator.udp(7759));
        try (TestOrchestrator orch = TestOrchestrator.start(dir, TestOrchestrator.freeTcpPort(), p)) {
            StartupCache cache = orch.bean(StartupCache.class);
            String java = orch.bean(LocalProcessLauncher.class).javaCommand();
            Path jar = TestJars.realServerJar();

            assertThat(launchAndStop(orch, "first").args()).noneMatch(a -> a.startsWith("-XX:AOTCache"));
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> cache.ready(java, jar));
            Path file;
            try (var files = Files.list(dir.resolve("cds"))) {
                List<Path> all = files.toList();
                assertThat(all).as("only the finished cache is left, no partial file").hasSize(2); // + training log
                file = all.stream().filter(f -> f.toString().endsWith(".aot")).findFirst().orElseThrow();
            }
            assertThat(Files.size(file)).isGreaterThan(1_000_000);

            assertThat(launchAndStop(orch, "second").args()).contains("-XX:AOTCache=" + file);
            // the cache is trained with the small matches' options and serves the large ones too: both must be able
            // to use it (a JVM that refuses it, e.g. an old generation too small for its archived objects, exits)
            OrchestratorProperties props = orch.bean(OrchestratorProperties.class);
            for (List<String> set : List.of(props.smallMatchJvmOptions(), props.largeMatchJvmOptions())) {
                assertThat(usesCache(java, set, file, jar)).as("the cache is usable with " + set).isTrue();
            }

            // damaged (or made by another runtime): the JVM skips it, the launch still works, nothing about it in the log
            byte[] junk = new byte[64 * 1024];
            ThreadLocalRandom.current().nextBytes(junk);
            Files.write(file, junk);
            String id = launchAndStop(orch, "third").id();
            assertThat(Files.readString(dir.resolve("logs").resolve(id + ".log"))).doesNotContainIgnoringCase("aot");
        }
    }

    @Test
    void aTrainingRunStillGoingWhenTheOrchestratorStopsIsKilledWithIt() throws Exception {
        Map<String, Object> p = TestOrchestrator.defaults(dir, TestJars.realServerJar());
        p.put("skirmish.orchestrator.app-cds", true);
        p.put("skirmish.orchestrator.port-range-start", TestOrchestrator.udp(7760));
        p.put("skirmish.orchestrator.port-range-end", TestOrchestrator.udp(7769));
        TestOrchestrator orch = TestOrchestrator.start(dir, TestOrchestrator.freeTcpPort(), p);
        List<ProcessHandle> training;
        try {
            // the first launch starts the training run in the background; stop the orchestrator as soon as it runs,
            // long before it could finish by itself (JVM start, READY, 2 s of ticks, then the cache assembly)
            Thread.ofVirtual().start(() -> orch.post("/api/sessions", createBody("room", 30, "alice")));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> !trainingProcesses().isEmpty());
            training = trainingProcesses();
        } finally {
            orch.close();
        }
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50))
                .until(() -> training.stream().noneMatch(ProcessHandle::isAlive) && trainingProcesses().isEmpty());
    }

    /** This JVM's descendants that belong to an AOT training run (the server, and the JVM's cache assembly). */
    private static List<ProcessHandle> trainingProcesses() {
        return ProcessHandle.current().descendants()
                .filter(h -> h.info().commandLine().map(c -> c.contains("aot-training") || c.contains("AOTCache")).orElse(false))
                .filter(h -> h.info().commandLine().map(c -> !c.contains("--session-id s-")).orElse(true))
                .toList();
    }

    /**
     * Whether a JVM with {@code options} starts with the cache in {@code AOTMode=on}, where the JVM exits at once
     * rather than run without it: the game server then stops at its usage check (exit 2, no session id given).
     */
    private static boolean usesCache(String javaCommand, List<String> options, Path cache, Path jar) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(javaCommand));
        cmd.addAll(options);
        cmd.addAll(List.of("-XX:AOTCache=" + cache, "-XX:AOTMode=on", "-Xlog:aot=off", "-Xlog:cds=off", "-jar", jar.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return false;
        }
        return p.exitValue() == 2;
    }

    private record Launched(String id, List<String> args) {
    }

    /** Starts a session, waits for READY (the POST), notes its command line, stops it. */
    private static Launched launchAndStop(TestOrchestrator orch, String room) {
        HttpResponse<String> r = orch.post("/api/sessions", createBody(room, 30, "alice"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String id = json(r).get("id").asString();
        long pid = orch.session(id).get("pid").asLong();
        List<String> args = ProcessHandle.of(pid).flatMap(h -> h.info().arguments()).map(Arrays::asList).orElseThrow();
        assertThat(orch.delete("/api/sessions/" + id).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            JsonNode s = orch.session(id);
            return s.get("state").asString().equals("ENDED");
        });
        return new Launched(id, args);
    }
}
