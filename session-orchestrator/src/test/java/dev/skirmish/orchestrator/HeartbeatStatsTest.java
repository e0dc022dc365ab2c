package dev.skirmish.orchestrator;

import static dev.skirmish.orchestrator.TestOrchestrator.createBody;
import static dev.skirmish.orchestrator.TestOrchestrator.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skirmish.orchestrator.sessions.SessionRepository;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Heartbeats do not cost a transaction each: the view shows the latest stats from memory while the stored copy
 * lags (written at most every 10 s), and the end of the session stores the last ones. Real fake-server process.
 */
class HeartbeatStatsTest {
    @TempDir
    Path dir;

    @Test
    void theViewShowsTheLatestStatsAndTheEndStoresThem() {
        Map<String, Object> p = TestOrchestrator.defaults(dir, TestJars.fakeServerJar());
        p.put("skirmish.orchestrator.jvm-options", "-Dfake.heartbeat-ms=100");
        try (TestOrchestrator orch = TestOrchestrator.start(dir, TestOrchestrator.freeTcpPort(), p)) {
            var created = orch.post("/api/sessions", createBody("room-stats", 60, "alice"));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String id = json(created).get("id").asString();
            SessionRepository rows = orch.bean(SessionRepository.class);
            // the fake server counts 60 ticks per heartbeat: 10 heartbeats in about a second (far longer allowed: a
            // loaded machine can hold a young JVM's heartbeat thread up for seconds)
            await().atMost(Duration.ofSeconds(30)).until(() -> tick(orch.session(id)) >= 600);
            String stored = rows.findById(id).orElseThrow().getLastStatsJson();
            assertThat(stored).as("stored once, on READY -> RUNNING").contains("\"tick\":60,");

            assertThat(orch.delete("/api/sessions/" + id).statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).until(() -> orch.session(id).get("state").asString().equals("ENDED"));
            JsonNode ended = orch.session(id);
            assertThat(tick(ended)).isGreaterThanOrEqualTo(600);
            assertThat(rows.findById(id).orElseThrow().getLastStatsJson()).contains("\"tick\":" + tick(ended) + ",");
        }
    }

    private static long tick(JsonNode view) {
        JsonNode stats = view.get("lastStats");
        return stats == null || stats.isNull() ? 0 : stats.get("tick").asLong();
    }
}
