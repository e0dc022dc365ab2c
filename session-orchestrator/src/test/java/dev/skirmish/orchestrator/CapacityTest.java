package dev.skirmish.orchestrator;

import static dev.skirmish.orchestrator.TestOrchestrator.createBody;
import static dev.skirmish.orchestrator.TestOrchestrator.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Capacity and port exhaustion answer 503 with a reason, and recover once servers are gone. */
class CapacityTest {
    @TempDir
    Path dir;

    private TestOrchestrator start(Map<String, Object> extra) {
        return TestOrchestrator.startWithFakeServer(dir, extra);
    }

    @Test
    void sessionCapacity() {
        try (TestOrchestrator orch = start(Map.of("skirmish.orchestrator.max-sessions", 2))) {
            String first = json(orch.post("/api/sessions", createBody("c1", 60, "alice"))).get("id").asString();
            assertThat(orch.post("/api/sessions", createBody("c2", 60, "bob")).statusCode()).isEqualTo(201);
            HttpResponse<String> full = orch.post("/api/sessions", createBody("c3", 60, "carol"));
            assertThat(full.statusCode()).isEqualTo(503);
            assertThat(full.body()).contains("No capacity").contains("slots");

            orch.delete("/api/sessions/" + first);
            await().atMost(Duration.ofSeconds(10)).until(() -> orch.post("/api/sessions", createBody("c3", 60, "carol")).statusCode() == 201);
        }
    }

    @Test
    void portExhaustion() {
        try (TestOrchestrator orch = start(Map.of("skirmish.orchestrator.port-range-start", TestOrchestrator.udp(7720),
                "skirmish.orchestrator.port-range-end", TestOrchestrator.udp(7721)))) {
            String first = json(orch.post("/api/sessions", createBody("p1", 60, "alice"))).get("id").asString();
            assertThat(orch.post("/api/sessions", createBody("p2", 60, "bob")).statusCode()).isEqualTo(201);
            HttpResponse<String> full = orch.post("/api/sessions", createBody("p3", 60, "carol"));
            assertThat(full.statusCode()).isEqualTo(503);
            assertThat(full.body()).contains("No free port");
            assertThat(orch.send("GET", "/actuator/health", null, TestOrchestrator.SERVICE_KEY).body()).contains("\"freePorts\":0");

            orch.delete("/api/sessions/" + first);
            await().atMost(Duration.ofSeconds(10)).until(() -> orch.post("/api/sessions", createBody("p3", 60, "carol")).statusCode() == 201);
        }
    }
}
