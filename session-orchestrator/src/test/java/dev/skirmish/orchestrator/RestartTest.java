package dev.skirmish.orchestrator;

import static dev.skirmish.orchestrator.TestOrchestrator.createBody;
import static dev.skirmish.orchestrator.TestOrchestrator.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skirmish.orchestrator.launch.PortPool;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The orchestrator restarts mid-match: the running server is re-adopted, a vanished one is marked lost. */
class RestartTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} game server")
    @ValueSource(strings = {"fake", "real"})
    void restartMidMatchReadoptsTheProcess(String server) {
        int httpPort = TestOrchestrator.freeTcpPort();
        Map<String, Object> props = TestOrchestrator.defaults(dir,
                server.equals("real") ? TestJars.realServerJar() : TestJars.fakeServerJar());
        props.put("skirmish.orchestrator.stop-sessions-on-shutdown", false);
        props.put("skirmish.orchestrator.port-range-start", TestOrchestrator.udp(7730));
        props.put("skirmish.orchestrator.port-range-end", TestOrchestrator.udp(7739));
        String keep;
        String lost;
        long keepPid;
        long lostPid;
        try (TestOrchestrator first = TestOrchestrator.start(dir, httpPort, props)) {
            keep = json(first.post("/api/sessions", createBody("room-keep", 60, "alice"))).get("id").asString();
            lost = json(first.post("/api/sessions", createBody("room-lost", 60, "bob"))).get("id").asString();
            keepPid = first.session(keep).get("pid").asLong();
            lostPid = first.session(lost).get("pid").asLong();
        }
        // the orchestrator is down; one server keeps running, the other dies meanwhile
        assertThat(ProcessHandle.of(keepPid)).isPresent();
        ProcessHandle lostProcess = ProcessHandle.of(lostPid).orElseThrow();
        lostProcess.destroyForcibly();
        lostProcess.onExit().join();

        try (TestOrchestrator second = TestOrchestrator.start(dir, httpPort, props)) {
            JsonNode kept = second.session(keep);
            assertThat(kept.get("state").asString()).isIn("READY", "RUNNING");
            int port = kept.get("port").asInt();
            assertThat(second.bean(PortPool.class).inUse(port)).isTrue();
            JsonNode gone = second.session(lost);
            assertThat(gone.get("state").asString()).isEqualTo("CRASHED");
            assertThat(gone.get("endReason").asString()).startsWith("LOST");
            assertThat(second.bean(PortPool.class).inUse(gone.get("port").asInt())).isFalse();

            // the adopted server's heartbeats reach the new orchestrator, and its room stays taken
            // (the first orchestrator may have stopped before any heartbeat was recorded)
            String before = lastTick(kept);
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                String now = lastTick(second.session(keep));
                return now != null && !now.equals(before);
            });
            assertThat(second.post("/api/sessions", createBody("room-keep", 60, "carol")).statusCode()).isEqualTo(409);

            // and it is still supervised: a crash is noticed, its port freed
            ProcessHandle.of(keepPid).orElseThrow().destroyForcibly();
            await().atMost(Duration.ofSeconds(5)).until(() -> second.session(keep).get("state").asString().equals("CRASHED"));
            await().atMost(Duration.ofSeconds(5)).until(() -> !second.bean(PortPool.class).inUse(port));
        }
    }

    @Test
    void idleWarmServersDoNotOutliveTheOrchestratorAndTheirPortsAreFreeAfterARestart() {
        int httpPort = TestOrchestrator.freeTcpPort();
        Map<String, Object> props = TestOrchestrator.defaults(dir, TestJars.fakeServerJar());
        props.put("skirmish.orchestrator.stop-sessions-on-shutdown", false);
        props.put("skirmish.orchestrator.warm-pool-size", 1);
        props.put("skirmish.orchestrator.port-range-start", TestOrchestrator.udp(7720));
        props.put("skirmish.orchestrator.port-range-end", TestOrchestrator.udp(7721));
        String warmId;
        long warmPid;
        int warmPort;
        try (TestOrchestrator first = TestOrchestrator.start(dir, httpPort, props)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> json(first.get("/api/sessions?state=READY")).size() == 1);
            JsonNode warm = json(first.get("/api/sessions?state=READY")).get(0);
            warmId = warm.get("id").asString();
            warmPid = warm.get("pid").asLong();
            warmPort = warm.get("port").asInt();
        }
        // nobody could use an idle warm server after a restart (its long poll is gone): it was stopped, not orphaned
        assertThat(ProcessHandle.of(warmPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();

        props.put("skirmish.orchestrator.warm-pool-size", 0);
        try (TestOrchestrator second = TestOrchestrator.start(dir, httpPort, props)) {
            JsonNode old = second.session(warmId);
            assertThat(old.get("state").asString()).isEqualTo("ENDED");
            assertThat(old.get("endReason").asString()).isEqualTo("ORCHESTRATOR_SHUTDOWN");
            assertThat(second.bean(PortPool.class).inUse(warmPort)).isFalse();
            assertThat(json(second.get("/api/sessions?state=READY")).size()).isZero();
        }
    }

    private static String lastTick(JsonNode session) {
        JsonNode stats = session.get("lastStats");
        return stats == null || stats.isNull() || stats.get("tick") == null ? null : stats.get("tick").asString();
    }
}
