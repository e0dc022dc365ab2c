package dev.skirmish.orchestrator;

import static dev.skirmish.orchestrator.TestOrchestrator.createBody;
import static dev.skirmish.orchestrator.TestOrchestrator.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The orchestrator restarts while a match host plays two matches: both are re-adopted (same host process), their
 * heartbeats reach the new orchestrator, and they are still supervised: a kill -9 of the host crashes both.
 */
@Timeout(120)
class HostedMatchRestartTest {
    @TempDir
    Path dir;

    @Test
    void bothMatchesOfAHostAreReadoptedAfterARestartAndStillSupervised() {
        int httpPort = TestOrchestrator.freeTcpPort();
        Map<String, Object> props = TestOrchestrator.defaults(dir, TestJars.realServerJar());
        props.put("skirmish.orchestrator.stop-sessions-on-shutdown", false);
        props.put("skirmish.orchestrator.port-range-start", TestOrchestrator.udp(7810));
        props.put("skirmish.orchestrator.port-range-end", TestOrchestrator.udp(7813));
        props.put("skirmish.orchestrator.matches-per-process", 2);
        String a;
        String b;
        long pid;
        try (TestOrchestrator first = TestOrchestrator.start(dir, httpPort, props)) {
            a = json(first.post("/api/sessions", createBody("restart-a", 120, "alice"))).get("id").asString();
            b = json(first.post("/api/sessions", createBody("restart-b", 120, "bob"))).get("id").asString();
            pid = first.session(a).get("pid").asLong();
            assertThat(first.session(b).get("pid").asLong()).isEqualTo(pid);
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);

        try (TestOrchestrator second = TestOrchestrator.start(dir, httpPort, props)) {
            for (String id : new String[] {a, b}) {
                JsonNode s = second.session(id);
                assertThat(s.get("state").asString()).isIn("READY", "RUNNING");
                long before = tick(s);
                await().atMost(Duration.ofSeconds(10)).until(() -> tick(second.session(id)) > before);
            }
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            await().atMost(Duration.ofSeconds(10)).until(() -> second.session(a).get("state").asString().equals("CRASHED")
                    && second.session(b).get("state").asString().equals("CRASHED"));
        }
    }

    private static long tick(JsonNode session) {
        JsonNode stats = session.get("lastStats");
        return stats == null || stats.isNull() || stats.get("tick") == null ? -1 : stats.get("tick").asLong();
    }
}
