package dev.skirmish.orchestrator;

import static dev.skirmish.orchestrator.TestOrchestrator.createBody;
import static dev.skirmish.orchestrator.TestOrchestrator.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skirmish.orchestrator.launch.PortPool;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Failure handling with misbehaving real processes: crashes, silence, no READY, exits before READY, overruns. */
class HealthTest {
    @TempDir
    Path dir;

    private TestOrchestrator start(Map<String, Object> extra) {
        return TestOrchestrator.startWithFakeServer(dir, extra);
    }

    @Test
    void kill9IsCrashedWithin5sAndThePortIsReused() {
        // a one-port pool: the next session can only start once the crashed one's port is back
        try (TestOrchestrator orch = start(Map.of("skirmish.orchestrator.port-range-start", TestOrchestrator.udp(7710),
                "skirmish.orchestrator.port-range-end", TestOrchestrator.udp(7710)))) {
            JsonNode s = json(orch.post("/api/sessions", createBody("room-k", 60, "alice")));
            String id = s.get("id").asString();
            long pid = orch.session(id).get("pid").asLong();
            assertThat(orch.post("/api/sessions", createBody("room-other", 60, "bob")).statusCode()).isEqualTo(503);

            ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // SIGKILL
            await().atMost(Duration.ofSeconds(5)).until(() -> orch.session(id).get("state").asString().equals("CRASHED"));
            assertThat(orch.session(id).get("endReason").asString()).startsWith("EXITED");
            assertThat(orch.session(id).get("lastLogLines").asString()).contains("fake game server");
            assertThat(orch.send("GET", "/actuator/prometheus", null, TestOrchestrator.SERVICE_KEY).body())
                    .contains("skirmish_sessions_failures_total{reason=\"EXITED\",state=\"CRASHED\"} 1.0");

            HttpResponse<String> again = orch.post("/api/sessions", createBody("room-k", 60, "alice"));
            assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
            assertThat(json(again).get("port").asInt()).isEqualTo(TestOrchestrator.udp(7710));
        }
    }

    @Test
    void aServerThatNeverReportsReadyTimesOutAndIsKilled() {
        try (TestOrchestrator orch = start(Map.of("skirmish.orchestrator.ready-timeout", "2s",
                "skirmish.orchestrator.jvm-options", "-Dfake.mode=silent"))) {
            HttpResponse<String> r = orch.post("/api/sessions", createBody("room-t", 60, "alice"));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(504);
            assertThat(r.body()).contains("READY");
            JsonNode s = json(orch.get("/api/sessions?state=FAILED")).get(0);
            assertThat(s.get("endReason").asString()).startsWith("READY_TIMEOUT");
            long pid = s.get("pid").asLong();
            await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(pid).isEmpty()
                    || !ProcessHandle.of(pid).get().isAlive());
            await().atMost(Duration.ofSeconds(5)).until(() -> orch.bean(dev.skirmish.orchestrator.sessions.SessionRegistry.class).size() == 0);
        }
    }

    @Test
    void anExitBeforeReadyIsFailedWithTheLastLogLines() {
        try (TestOrchestrator orch = start(Map.of("skirmish.orchestrator.jvm-options", "-Dfake.mode=crash"))) {
            HttpResponse<String> r = orch.post("/api/sessions", createBody("room-c", 60, "alice"));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(502);
            JsonNode s = json(orch.get("/api/sessions?state=FAILED")).get(0);
            assertThat(s.get("endReason").asString()).isEqualTo("EXITED_BEFORE_READY (exit code 3)");
            assertThat(s.get("lastLogLines").asString()).contains("boom: cannot load the arena map");
            // the room is free again
            assertThat(orch.post("/api/sessions", createBody("room-c", 60, "alice")).statusCode()).isEqualTo(502);
        }
    }

    @Test
    void missedHeartbeatsMakeItUnhealthyThenKilledAndCrashed() {
        // no grace after READY here: the plain rule (HeartbeatGraceTest covers the grace)
        try (TestOrchestrator orch = start(Map.of("skirmish.orchestrator.jvm-options", "-Dfake.mode=no-heartbeat",
                "skirmish.orchestrator.heartbeat-interval", "300ms",
                "skirmish.orchestrator.first-heartbeat-grace", "0s"))) {
            JsonNode s = json(orch.post("/api/sessions", createBody("room-h", 60, "alice")));
            String id = s.get("id").asString();
            await().atMost(Duration.ofSeconds(5)).until(() -> orch.session(id).get("state").asString().equals("CRASHED"));
            JsonNode v = orch.session(id);
            assertThat(v.get("endReason").asString()).startsWith("UNHEALTHY");
            long pid = v.get("pid").asLong();
            await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(pid).isEmpty()
                    || !ProcessHandle.of(pid).get().isAlive());
        }
    }

    @Test
    void deleteSendsSigtermThenKillsAServerThatIgnoresItAfterTheGracePeriod() {
        try (TestOrchestrator orch = start(Map.of("skirmish.orchestrator.jvm-options", "-Dfake.mode=stubborn",
                "skirmish.orchestrator.stop-grace", "2s"))) {
            JsonNode s = json(orch.post("/api/sessions", createBody("room-s", 60, "alice")));
            String id = s.get("id").asString();
            long pid = orch.session(id).get("pid").asLong();
            Path log = dir.resolve("logs").resolve(id + ".log");
            long t0 = System.nanoTime();
            assertThat(orch.delete("/api/sessions/" + id).statusCode()).isEqualTo(202);
            // SIGTERM first: the server sees it and keeps running through the grace period
            await().atMost(Duration.ofSeconds(3)).until(() -> Files.readString(log).contains("SIGTERM received"));
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
            // then the forced kill
            await().atMost(Duration.ofSeconds(20)).until(() -> orch.session(id).get("state").asString().equals("ENDED"));
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
            assertThat(orch.session(id).get("endReason").asString()).isEqualTo("STOPPED");
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            await().atMost(Duration.ofSeconds(10)).until(() -> !orch.bean(PortPool.class).inUse(s.get("port").asInt()));
        }
    }

    @Test
    void theReaperKillsAMatchPastItsLengthAndGrace() {
        try (TestOrchestrator orch = start(Map.of("skirmish.orchestrator.jvm-options", "-Dfake.mode=overrun",
                "skirmish.orchestrator.reap-grace", "0s"))) {
            JsonNode s = json(orch.post("/api/sessions", createBody("room-r", 10, "alice")));
            String id = s.get("id").asString();
            await().atMost(Duration.ofSeconds(15)).until(() -> orch.session(id).get("state").asString().equals("CRASHED"));
            assertThat(orch.session(id).get("endReason").asString()).startsWith("REAPED");
        }
    }
}
