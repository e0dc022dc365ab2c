package dev.skirmish.orchestrator;

import static dev.skirmish.orchestrator.TestOrchestrator.createBody;
import static dev.skirmish.orchestrator.TestOrchestrator.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The grace for the first heartbeats after READY, with real fake-server processes whose first heartbeat comes
 * 2 s late (deadline 3 × 300 ms): killed without the grace, kept with it, and the plain rule back once it is over.
 */
class HeartbeatGraceTest {
    private static final String LATE_FIRST_BEAT = "-Dfake.first-heartbeat-delay-ms=2000,-Dfake.heartbeat-ms=300";

    @TempDir
    Path dir;

    private TestOrchestrator start(Path d, String grace, String jvmOptions) {
        Map<String, Object> p = TestOrchestrator.defaults(d, TestJars.fakeServerJar());
        p.put("skirmish.orchestrator.heartbeat-interval", "300ms");
        p.put("skirmish.orchestrator.first-heartbeat-grace", grace);
        p.put("skirmish.orchestrator.jvm-options", jvmOptions);
        return TestOrchestrator.start(d, TestOrchestrator.freeTcpPort(), p);
    }

    @Test
    void withoutTheGraceALateFirstHeartbeatIsFatal() {
        try (TestOrchestrator orch = start(dir, "0s", LATE_FIRST_BEAT)) {
            String id = json(orch.post("/api/sessions", createBody("room-nograce", 60, "alice"))).get("id").asString();
            await().atMost(Duration.ofSeconds(5)).until(() -> orch.session(id).get("state").asString().equals("CRASHED"));
            assertThat(orch.session(id).get("endReason").asString()).startsWith("UNHEALTHY");
        }
    }

    @Test
    void lateFirstHeartbeatsAreToleratedThenThePlainRuleApplies() {
        // 8 heartbeats from 2 s after READY, every 300 ms, then silence at ~4.1 s: past the grace (READY + 0.9 s + 3 s)
        try (TestOrchestrator orch = start(dir, "3s", LATE_FIRST_BEAT + ",-Dfake.heartbeats=8")) {
            String id = json(orch.post("/api/sessions", createBody("room-grace", 60, "alice"))).get("id").asString();
            await().atMost(Duration.ofSeconds(6)).until(() -> !orch.session(id).get("lastStats").isNull());
            JsonNode alive = orch.session(id);
            assertThat(alive.get("state").asString()).as(alive.toString()).isIn("READY", "RUNNING");

            await().atMost(Duration.ofSeconds(10)).until(() -> orch.session(id).get("state").asString().equals("CRASHED"));
            String reason = orch.session(id).get("endReason").asString();
            Matcher silent = Pattern.compile("^UNHEALTHY \\(no heartbeat for (\\d+) ms\\)").matcher(reason);
            assertThat(silent.find()).as(reason).isTrue();
            // killed on the plain 900 ms rule (plus the watcher's period and some slack for a loaded machine), not
            // after deadline + grace (3.9 s of silence)
            assertThat(Long.parseLong(silent.group(1))).as(reason).isBetween(900L, 3500L);
        }
    }
}
