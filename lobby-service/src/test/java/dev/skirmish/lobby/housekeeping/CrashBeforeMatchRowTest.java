package dev.skirmish.lobby.housekeeping;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.skirmish.lobby.LobbyApplication;
import dev.skirmish.lobby.matches.MatchService;
import dev.skirmish.lobby.rooms.RoomService;
import dev.skirmish.lobby.rooms.RoomStarts;
import dev.skirmish.lobby.rooms.RoomState;
import dev.skirmish.lobby.security.PlayerToken;
import dev.skirmish.lobby.support.FakeOrchestrator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Attack (or plain bad luck): the game server dies right after READY, and the orchestrator's SESSION_CRASHED reaches
 * the lobby before the answer to the lobby's session request does. The lobby has no match row for the session yet;
 * it used to record the event as processed and drop it, and the room then stayed IN_GAME forever. Here an
 * orchestrator stand-in on loopback delivers the crash, over HTTP with the service key, before it answers.
 */
class CrashBeforeMatchRowTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aCrashThatArrivesBeforeTheMatchRowEndsWithTheRoomOpenAndTheMatchCrashed() throws Exception {
        var lobbyPort = new AtomicInteger();
        List<Integer> eventAnswers = new CopyOnWriteArrayList<>();
        HttpServer orchestrator = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        orchestrator.createContext("/api/sessions", ex -> crashFirstThenAnswer(ex, lobbyPort.get(), eventAnswers));
        orchestrator.start();
        try (var lobby = new SpringApplicationBuilder(LobbyApplication.class).profiles("test").run(
                "--spring.datasource.url=jdbc:h2:mem:early-crash-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "--server.port=0",
                "--server.address=127.0.0.1", "--skirmish.lobby.orchestrator-url=http://127.0.0.1:" + orchestrator.getAddress().getPort(),
                "--skirmish.lobby.countdown=100ms")) {
            lobbyPort.set(Integer.parseInt(lobby.getEnvironment().getProperty("local.server.port")));
            var rooms = lobby.getBean(RoomService.class);
            var alice = new PlayerToken(UUID.randomUUID().toString(), "alice", Instant.now().plusSeconds(3600));
            var bob = new PlayerToken(UUID.randomUUID().toString(), "bob", Instant.now().plusSeconds(3600));
            String roomId = rooms.create(alice, "unlucky", 2, false).id();
            rooms.join(bob, roomId, null);
            rooms.ready(alice, roomId, true);
            rooms.ready(bob, roomId, true);
            lobby.getBean(RoomStarts.class).start(alice, roomId);

            await().atMost(Duration.ofSeconds(10)).until(() -> !eventAnswers.isEmpty());
            assertThat(eventAnswers).as("the lobby took the early event").containsExactly(204);
            await().atMost(Duration.ofSeconds(10)).until(() -> rooms.get(roomId, null).state() == RoomState.OPEN && rooms.get(roomId, null).sessionId() == null);
            var history = lobby.getBean(MatchService.class).forPlayer(alice.playerId(), 0, 10, 100).getContent();
            assertThat(history).singleElement().satisfies(m -> assertThat(m.state()).isEqualTo("CRASHED"));
        } finally {
            orchestrator.stop(0);
        }
    }

    /** POST /api/sessions: first tells the lobby the new session crashed, then answers the request with it. */
    private static void crashFirstThenAnswer(HttpExchange ex, int lobbyPort, List<Integer> eventAnswers) throws IOException {
        JsonNode request = JSON.readTree(ex.getRequestBody().readAllBytes());
        String sessionId = "early-" + UUID.randomUUID();
        String event = JSON.writeValueAsString(Map.of("eventId", UUID.randomUUID().toString(), "type", "SESSION_CRASHED", "sessionId", sessionId,
                "roomId", request.get("roomId").asString(), "occurredAt", Instant.now().toString(), "reason", "EXITED (exit code 1)"));
        try (var http = HttpClient.newHttpClient()) {
            var answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + lobbyPort + "/internal/sessions/events"))
                    .header("Authorization", "Bearer " + FakeOrchestrator.SERVICE_KEY).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.discarding());
            eventAnswers.add(answer.statusCode());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        var tokens = new java.util.ArrayList<Map<String, Object>>();
        for (JsonNode p : request.get("players")) {
            tokens.add(Map.of("playerId", p.get("id").asString(), "name", p.get("name").asString(), "token", "t"));
        }
        byte[] body = JSON.writeValueAsString(Map.of("id", sessionId, "roomId", request.get("roomId").asString(), "state", "READY",
                "host", "127.0.0.1", "port", 7003, "matchSeconds", 60, "connectTokens", tokens)).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(201, body.length);
        try (var out = ex.getResponseBody()) {
            out.write(body);
        }
    }
}
