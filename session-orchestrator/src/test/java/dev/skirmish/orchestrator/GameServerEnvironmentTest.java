package dev.skirmish.orchestrator;

import static dev.skirmish.orchestrator.TestOrchestrator.createBody;
import static dev.skirmish.orchestrator.TestOrchestrator.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skirmish.orchestrator.sessions.LiveSession;
import dev.skirmish.orchestrator.sessions.SessionRegistry;
import dev.skirmish.orchestrator.sessions.SessionState;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attack: a game server (the one process that parses untrusted UDP) inherits the orchestrator's environment, and
 * with it the service key and the lobby's token secret, so a hole in it could forge player tokens and lobby
 * events. Surefire runs this JVM with those variables set (session-orchestrator/pom.xml); every launched real
 * game server, cold, warm and the AOT training run, is read through /proc: its environment and command line
 * hold its own session key and nothing of the orchestrator's secrets.
 */
@EnabledOnOs(OS.LINUX)
class GameServerEnvironmentTest {
    private static final List<String> SECRETS = List.of("SKIRMISH_SERVICE_KEY", "SKIRMISH_LOBBY_TOKEN_SECRET",
            "SKIRMISH_TEST_CANARY");

    @TempDir
    Path dir;

    @BeforeAll
    static void theOrchestratorHoldsTheSecrets() {
        for (String name : SECRETS) {
            assertThat(System.getenv(name)).as(name + " is set for this JVM by surefire's environmentVariables")
                    .isNotBlank();
        }
    }

    @Test
    void coldAndWarmGameServersGetNoSecretOfTheOrchestratorInTheirEnvironmentOrCommandLine() throws Exception {
        Map<String, Object> p = TestOrchestrator.defaults(dir, TestJars.realServerJar());
        p.put("skirmish.orchestrator.port-range-start", TestOrchestrator.udp(7770));
        p.put("skirmish.orchestrator.port-range-end", TestOrchestrator.udp(7779));
        p.put("skirmish.orchestrator.warm-pool-size", 1);
        try (TestOrchestrator orch = TestOrchestrator.start(dir, TestOrchestrator.freeTcpPort(), p)) {
            SessionRegistry registry = orch.bean(SessionRegistry.class);
            AtomicReference<LiveSession> warm = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
                registry.all().stream().filter(s -> s.warm() && s.state() == SessionState.READY).findFirst()
                        .ifPresent(warm::set);
                return warm.get() != null;
            });
            assertOnlyItsOwnKey(orch.session(warm.get().id()).get("pid").asLong(), warm.get().sessionKeyBase64());

            // the warm server is taken by this room; a second room needs a cold launch
            String first = created(orch.post("/api/sessions", createBody("env-room-1", 30, "alice")));
            String second = created(orch.post("/api/sessions", createBody("env-room-2", 30, "bob")));
            for (String id : List.of(first, second)) {
                LiveSession live = registry.find(id).orElseThrow();
                assertOnlyItsOwnKey(orch.session(id).get("pid").asLong(), live.sessionKeyBase64());
                if (!live.warm()) {
                    assertThat(environ(orch.session(id).get("pid").asLong())).as("a cold launch carries its start's trace")
                            .containsKey("SKIRMISH_TRACEPARENT");
                }
                orch.delete("/api/sessions/" + id);
            }
            assertThat(registry.find(second).orElseThrow().warm()).as("the second room got a cold launch").isFalse();
        }
    }

    @Test
    void theAotTrainingRunGetsNoSecretOfTheOrchestrator() throws Exception {
        Map<String, Object> p = TestOrchestrator.defaults(dir, TestJars.realServerJar());
        p.put("skirmish.orchestrator.app-cds", true);
        p.put("skirmish.orchestrator.port-range-start", TestOrchestrator.udp(7770));
        p.put("skirmish.orchestrator.port-range-end", TestOrchestrator.udp(7779));
        try (TestOrchestrator orch = TestOrchestrator.start(dir, TestOrchestrator.freeTcpPort(), p)) {
            // the first launch starts the training run in the background
            String id = created(orch.post("/api/sessions", createBody("env-room-aot", 30, "alice")));
            AtomicReference<ProcessHandle> training = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> {
                training.set(trainingServer().orElse(null));
                return training.get() != null;
            });
            Map<String, String> env = environ(training.get().pid());
            assertThat(env).containsKey("SKIRMISH_SESSION_KEY");
            assertNoSecret(training.get().pid(), env);
            orch.delete("/api/sessions/" + id);
        }
    }

    private static String created(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r).get("id").asString();
    }

    private static Optional<ProcessHandle> trainingServer() {
        return ProcessHandle.current().descendants()
                .filter(h -> h.info().commandLine().map(c -> c.contains("--session-id aot-training")).orElse(false))
                .findFirst();
    }

    private static void assertOnlyItsOwnKey(long pid, String sessionKey) throws IOException {
        Map<String, String> env = environ(pid);
        assertThat(env).containsEntry("SKIRMISH_SESSION_KEY", sessionKey);
        assertThat(cmdline(pid)).doesNotContain(sessionKey);
        assertNoSecret(pid, env);
    }

    private static void assertNoSecret(long pid, Map<String, String> env) throws IOException {
        String cmd = cmdline(pid);
        for (String name : SECRETS) {
            String secret = System.getenv(name);
            assertThat(env).as("environment of game server %d", pid).doesNotContainKey(name);
            assertThat(env.values()).as("environment of game server %d", pid).noneMatch(v -> v.contains(secret));
            assertThat(cmd).as("command line of game server %d", pid).doesNotContain(secret);
        }
        // issue 18 adds the match start's traceparent (not secret: docs/observability.md) to the allowlist;
        // issue 17 the glibc arena count, a value the orchestrator sets itself (GameServerJvmOptionsTest)
        assertThat(env.keySet()).as("only what a JVM needs, its session key and its match's trace")
                .isSubsetOf("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR", "SKIRMISH_LOG_LEVEL",
                        "SKIRMISH_SESSION_KEY", "SKIRMISH_TRACEPARENT", "MALLOC_ARENA_MAX");
        assertThat(env).containsEntry("MALLOC_ARENA_MAX", "2");
        if (env.containsKey("SKIRMISH_TRACEPARENT")) {
            assertThat(env.get("SKIRMISH_TRACEPARENT")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        }
    }

    private static Map<String, String> environ(long pid) throws IOException {
        String raw = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ")), StandardCharsets.UTF_8);
        return Arrays.stream(raw.split("\0")).filter(s -> s.contains("="))
                .collect(Collectors.toMap(s -> s.substring(0, s.indexOf('=')), s -> s.substring(s.indexOf('=') + 1),
                        (a, b) -> b));
    }

    private static String cmdline(long pid) throws IOException {
        return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8)
                .replace('\0', ' ');
    }
}
