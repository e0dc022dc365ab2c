package dev.skirmish.orchestrator;

import static dev.skirmish.orchestrator.TestOrchestrator.createBody;
import static dev.skirmish.orchestrator.TestOrchestrator.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Every orchestrator log line about a match carries its session id, whichever thread writes it. */
@ExtendWith(OutputCaptureExtension.class)
class SessionLogContextTest {
    @TempDir
    Path dir;

    @Test
    void linesAboutASessionCarryItsId(CapturedOutput output) {
        String id;
        try (TestOrchestrator orch = TestOrchestrator.start(dir, TestOrchestrator.freeTcpPort(),
                TestOrchestrator.defaults(dir, TestJars.fakeServerJar()))) {
            id = json(orch.post("/api/sessions", createBody("room-log", 60, "alice", "bob"))).get("id").asString();
            await().atMost(Duration.ofSeconds(5)).until(() -> orch.session(id).get("state").asString().equals("RUNNING"));
            assertThat(orch.delete("/api/sessions/" + id).statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(8)).until(() -> orch.session(id).get("state").asString().equals("ENDED"));
        }
        List<String> about = output.getOut().lines().filter(l -> l.contains("session " + id)).toList();
        // request thread (READY callback), HTTP DELETE, and the process-exit callback thread
        assertThat(about).anyMatch(l -> l.contains("READY on port")).anyMatch(l -> l.contains("stopping"))
                .anyMatch(l -> l.contains("process gone"));
        assertThat(about).allSatisfy(l -> assertThat(l).contains("session=" + id));
        // lines about nothing in particular have no session field
        assertThat(output.getOut().lines().filter(l -> l.contains("Tomcat initialized with port")))
                .isNotEmpty().noneMatch(l -> l.contains("session="));
    }
}
