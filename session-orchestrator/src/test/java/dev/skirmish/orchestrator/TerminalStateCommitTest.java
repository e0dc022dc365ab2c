package dev.skirmish.orchestrator;

import static dev.skirmish.orchestrator.TestOrchestrator.createBody;
import static dev.skirmish.orchestrator.TestOrchestrator.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skirmish.orchestrator.events.OutboxRepository;
import dev.skirmish.orchestrator.sessions.SessionRegistry;
import dev.skirmish.orchestrator.sessions.SessionState;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Attack on integrity (a room left IN_GAME for ever): a terminal state that shows in memory before its
 * transaction commits. When that commit fails, the session looked ended (room freed, later ends ignored) while its
 * row and the lobby never learned it. Here the commit of a match result really fails (the outbox table is away,
 * H2), and the session must stay live, and its next end must be recorded with its event.
 */
class TerminalStateCommitTest {
    private static final String RESULT = "{\"reason\":\"MATCH_END\",\"winner\":null,\"durationSeconds\":1.0,\"players\":[]}";

    @TempDir
    Path dir;

    @Test
    void aFailedCommitOfTheEndLeavesTheSessionLiveAndTheNextEndIsRecorded() {
        try (TestOrchestrator orch = TestOrchestrator.start(dir, TestOrchestrator.freeTcpPort(),
                TestOrchestrator.defaults(dir, TestJars.fakeServerJar()))) {
            HttpResponse<String> r = orch.post("/api/sessions", createBody("commit-room", 120, "alice"));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            String id = json(r).get("id").asString();
            SessionRegistry registry = orch.bean(SessionRegistry.class);
            String key = registry.find(id).orElseThrow().sessionKeyBase64();
            JdbcClient jdbc = JdbcClient.create(orch.bean(DataSource.class));

            jdbc.sql("ALTER TABLE outbox_event RENAME TO outbox_event_away").update();
            HttpResponse<String> failed = orch.send("POST", "/internal/sessions/" + id + "/result", RESULT, key);
            assertThat(failed.statusCode()).isEqualTo(500);
            assertThat(failed.body()).doesNotContain("Exception");
            assertThat(registry.find(id).orElseThrow().state()).as("in memory after the failed commit")
                    .isIn(SessionState.READY, SessionState.RUNNING);
            assertThat(orch.session(id).get("state").asString()).isIn("READY", "RUNNING");
            assertThat(orch.post("/api/sessions", createBody("commit-room", 60, "bob")).statusCode())
                    .as("the room still has its live session").isEqualTo(409);

            jdbc.sql("ALTER TABLE outbox_event_away RENAME TO outbox_event").update();
            assertThat(orch.send("POST", "/internal/sessions/" + id + "/result", RESULT, key).statusCode()).isEqualTo(204);
            await().atMost(Duration.ofSeconds(5)).until(() -> orch.session(id).get("state").asString().equals("ENDED"));
            assertThat(orch.bean(OutboxRepository.class).findBySessionIdOrderByCreatedAt(id))
                    .extracting(e -> e.getType()).contains("SESSION_ENDED");
        }
    }
}
