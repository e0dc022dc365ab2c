package dev.skirmish.orchestrator;

import static dev.skirmish.orchestrator.TestOrchestrator.createBody;
import static dev.skirmish.orchestrator.TestOrchestrator.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The console's view of the orchestrator: counts by state and a running game server's last log lines, with a real
 * fake-server child process; both only with the service key.
 */
class SessionOpsApiTest {
    @TempDir
    Path dir;

    @Test
    void countsByStateAndTheLastLogLinesOfARunningServer() {
        Map<String, Object> p = TestOrchestrator.defaults(dir, TestJars.fakeServerJar());
        try (TestOrchestrator orch = TestOrchestrator.start(dir, TestOrchestrator.freeTcpPort(), p)) {
            String id = json(orch.post("/api/sessions", createBody("room-ops", 60, "alice"))).get("id").asString();

            await().atMost(Duration.ofSeconds(10)).until(() -> {
                JsonNode byState = json(orch.get("/api/sessions/counts")).get("byState");
                return byState.get("READY").asLong() + byState.get("RUNNING").asLong() >= 1;
            });
            JsonNode counts = json(orch.get("/api/sessions/counts"));
            assertThat(counts.get("processes").asInt()).isEqualTo(1);
            assertThat(counts.get("byState").size()).isEqualTo(8);

            await().atMost(Duration.ofSeconds(10)).until(() -> json(orch.get("/api/sessions/" + id + "/log?lines=20")).get("lines").size() > 0);
            JsonNode log = json(orch.get("/api/sessions/" + id + "/log?lines=20"));
            assertThat(log.get("lines").toString()).contains("fake game server " + id + " starting");
            assertThat(log.get("process").asString()).startsWith("pid ");
            assertThat(json(orch.get("/api/sessions/" + id + "/log?lines=1")).get("lines").size()).isEqualTo(1);

            assertThat(orch.get("/api/sessions/" + id + "/log?lines=201").statusCode()).as("bounded").isEqualTo(400);
            assertThat(orch.get("/api/sessions/" + id + "/log?lines=0").statusCode()).isEqualTo(400);
            assertThat(orch.get("/api/sessions/s-000000000000/log").statusCode()).isEqualTo(404);
        }
    }

    /** Attack: anyone who reaches the port reads game-server output (player names, addresses) or the load. */
    @Test
    void withoutTheServiceKeyNeitherIsShown() {
        Map<String, Object> p = TestOrchestrator.defaults(dir, TestJars.fakeServerJar());
        try (TestOrchestrator orch = TestOrchestrator.start(dir, TestOrchestrator.freeTcpPort(), p)) {
            assertThat(orch.send("GET", "/api/sessions/counts", null, null).statusCode()).isEqualTo(401);
            assertThat(orch.send("GET", "/api/sessions/counts", null, "wrong-key").statusCode()).isEqualTo(401);
            assertThat(orch.send("GET", "/api/sessions/s-000000000000/log", null, null).statusCode()).isEqualTo(401);
            assertThat(orch.get("/api/sessions/counts").statusCode()).isEqualTo(200);
        }
    }
}
