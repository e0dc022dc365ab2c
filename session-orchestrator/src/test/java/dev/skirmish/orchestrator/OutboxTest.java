package dev.skirmish.orchestrator;

import static dev.skirmish.orchestrator.TestOrchestrator.createBody;
import static dev.skirmish.orchestrator.TestOrchestrator.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.skirmish.orchestrator.events.OutboxEventEntity;
import dev.skirmish.orchestrator.events.OutboxRepository;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Events reach a (real HTTP) lobby that is failing at first, with retries, in order, with the service key. */
class OutboxTest {
    @TempDir
    Path dir;

    @Test
    void eventsAreRetriedUntilTheLobbyAcceptsThem() throws Exception {
        HttpServer lobby = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger calls = new AtomicInteger();
        List<JsonNode> accepted = new CopyOnWriteArrayList<>();
        List<String> auth = new CopyOnWriteArrayList<>();
        lobby.createContext("/internal/sessions/events", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            auth.add(ex.getRequestHeaders().getFirst("Authorization"));
            // the lobby is "restarting" for its first three calls
            int status = calls.incrementAndGet() <= 3 ? 503 : 204;
            if (status == 204) {
                accepted.add(TestOrchestrator.JSON.readTree(new String(body, StandardCharsets.UTF_8)));
            }
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        lobby.start();
        Map<String, Object> props = TestOrchestrator.defaults(dir, TestJars.fakeServerJar());
        props.put("skirmish.orchestrator.lobby-events-url",
                "http://127.0.0.1:" + lobby.getAddress().getPort() + "/internal/sessions/events");
        props.put("skirmish.orchestrator.event-retry-initial", "100ms");
        try (TestOrchestrator orch = TestOrchestrator.start(dir, TestOrchestrator.freeTcpPort(), props)) {
            String id = json(orch.post("/api/sessions", createBody("room-ev", 60, "alice"))).get("id").asString();
            orch.delete("/api/sessions/" + id);
            await().atMost(Duration.ofSeconds(20)).until(() -> accepted.size() == 2);
            assertThat(accepted.get(0).get("type").asString()).isEqualTo("SESSION_READY");
            assertThat(accepted.get(1).get("type").asString()).isEqualTo("SESSION_ENDED");
            assertThat(accepted.get(1).get("sessionId").asString()).isEqualTo(id);
            assertThat(accepted.get(1).get("roomId").asString()).isEqualTo("room-ev");
            assertThat(accepted.get(1).get("reason").asString()).isEqualTo("SHUTDOWN");
            assertThat(accepted.get(1).get("result").get("reason").asString()).isEqualTo("SHUTDOWN");
            assertThat(accepted.get(0).get("eventId").asString()).isNotEqualTo(accepted.get(1).get("eventId").asString());
            assertThat(auth).containsOnly("Bearer " + TestOrchestrator.SERVICE_KEY);
            List<OutboxEventEntity> stored = orch.bean(OutboxRepository.class).findBySessionIdOrderByCreatedAt(id);
            assertThat(stored).allMatch(e -> e.getDeliveredAt() != null);
            assertThat(stored.stream().mapToInt(OutboxEventEntity::getAttempts).sum()).isGreaterThanOrEqualTo(5);
        } finally {
            lobby.stop(0);
        }
    }

    @Test
    void eventsQueuedWhileTheLobbyIsDownSurviveAnOrchestratorRestart() throws Exception {
        int lobbyPort = TestOrchestrator.freeTcpPort(); // nothing listens there yet: the lobby is down
        Map<String, Object> props = TestOrchestrator.defaults(dir, TestJars.fakeServerJar());
        props.put("skirmish.orchestrator.lobby-events-url", "http://127.0.0.1:" + lobbyPort + "/internal/sessions/events");
        props.put("skirmish.orchestrator.event-retry-initial", "100ms");
        props.put("skirmish.orchestrator.event-retry-max", "500ms");
        int httpPort = TestOrchestrator.freeTcpPort();
        String id;
        try (TestOrchestrator orch = TestOrchestrator.start(dir, httpPort, props)) {
            id = json(orch.post("/api/sessions", createBody("room-rs", 60, "alice"))).get("id").asString();
            orch.delete("/api/sessions/" + id);
            OutboxRepository outbox = orch.bean(OutboxRepository.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> outbox.findBySessionIdOrderByCreatedAt(id).size() == 2
                    && outbox.findBySessionIdOrderByCreatedAt(id).getFirst().getAttempts() > 1);
            // READY was tried and failed; ENDED waits behind it (a session's events go out in order)
            assertThat(outbox.findBySessionIdOrderByCreatedAt(id)).allMatch(e -> e.getDeliveredAt() == null);
        }

        List<JsonNode> accepted = new CopyOnWriteArrayList<>();
        HttpServer lobby = HttpServer.create(new InetSocketAddress("127.0.0.1", lobbyPort), 0);
        lobby.createContext("/internal/sessions/events", ex -> {
            accepted.add(TestOrchestrator.JSON.readTree(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        lobby.start();
        try (TestOrchestrator orch = TestOrchestrator.start(dir, httpPort, props)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> accepted.size() == 2);
            assertThat(accepted).extracting(e -> e.get("type").asString()).containsExactly("SESSION_READY", "SESSION_ENDED");
            assertThat(accepted).allMatch(e -> e.get("sessionId").asString().equals(id));
            assertThat(orch.bean(OutboxRepository.class).findBySessionIdOrderByCreatedAt(id))
                    .allMatch(e -> e.getDeliveredAt() != null);
        } finally {
            lobby.stop(0);
        }
    }
}
