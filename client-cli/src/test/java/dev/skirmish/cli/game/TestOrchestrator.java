package dev.skirmish.cli.game;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.skirmish.cli.lobby.LobbyClient;
import dev.skirmish.protocol.token.ConnectTokens;
import dev.skirmish.gameserver.launch.ArgsParser;
import dev.skirmish.gameserver.match.GameServer;
import dev.skirmish.gameserver.report.MatchReport;
import dev.skirmish.gameserver.report.Reporter;
import dev.skirmish.gameserver.report.StdoutReporter;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;

/**
 * Stands in for the session orchestrator in client tests, speaking its documented contract
 * (docs/orchestrator-api.md): {@code POST /api/sessions} answers 201 with connect tokens for a freshly started
 * real game server (the game-server module's {@code GameServer}, run in-process); when the match ends it POSTs
 * {@code SESSION_ENDED} with the server's result to the lobby.
 */
public final class TestOrchestrator implements AutoCloseable {
    private final HttpServer http;
    private final String serviceKey;
    private final String lobbyEventsUrl;
    private final List<GameServer> servers = new CopyOnWriteArrayList<>();
    /** Per session: player id → name, and the names kicked (what the heartbeat answer would carry). */
    private final Map<String, Map<String, String>> playersBySession = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, List<String>> kicked = new java.util.concurrent.ConcurrentHashMap<>();
    private final HttpClient client = HttpClient.newHttpClient();

    public TestOrchestrator(String serviceKey, String lobbyUrl) throws IOException {
        this.serviceKey = serviceKey;
        this.lobbyEventsUrl = lobbyUrl + "/internal/sessions/events";
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/api/sessions", this::create);
        http.start();
    }

    /** Needed before the lobby exists: the lobby is told this URL, this is told the lobby's. */
    public static String reserveUrl(HttpServer s) {
        return "http://127.0.0.1:" + s.getAddress().getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    private void create(HttpExchange ex) throws IOException {
        try (ex) {
            if (!("Bearer " + serviceKey).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                ex.sendResponseHeaders(401, -1);
                return;
            }
            String[] parts = ex.getRequestURI().getPath().split("/");
            if (ex.getRequestMethod().equals("POST") && parts.length == 7 && parts[6].equals("kick")) {
                String name = playersBySession.getOrDefault(parts[3], Map.of()).get(parts[5]);
                if (name == null) {
                    ex.sendResponseHeaders(404, -1);
                    return;
                }
                kicked.get(parts[3]).add(name);
                ex.sendResponseHeaders(202, -1);
                return;
            }
            JsonNode req = LobbyClient.JSON.readTree(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            List<String> names = new ArrayList<>();
            req.path("players").forEach(p -> names.add(p.path("name").asString()));
            int seconds = req.path("matchSeconds").asInt(10);
            String sessionId = "s-" + UUID.randomUUID().toString().substring(0, 6);
            byte[] key = ConnectTokens.newSessionKey();
            Map<String, String> ids = new java.util.concurrent.ConcurrentHashMap<>();
            req.path("players").forEach(p -> ids.put(p.path("id").asString(), p.path("name").asString()));
            playersBySession.put(sessionId, ids);
            List<String> kicks = new CopyOnWriteArrayList<>();
            kicked.put(sessionId, kicks);
            StdoutReporter quiet = new StdoutReporter(sessionId, new PrintStream(OutputStream.nullOutputStream()));
            GameServer server;
            try {
                server = new GameServer(ArgsParser.parse(new String[] {"--session-id", sessionId, "--port", "0", "--address", "127.0.0.1",
                        "--players", String.join(",", names), "--match-seconds", Integer.toString(seconds)}), key,
                        new Reporter() {
                            // the orchestrator's heartbeat answer, in-process: the names kicked so far
                            @Override
                            public void ready(String address, int port, boolean warm) {
                                quiet.ready(address, port, warm);
                            }

                            @Override
                            public void heartbeat(dev.skirmish.gameserver.report.Heartbeat heartbeat) {
                            }

                            @Override
                            public void result(MatchReport report) {
                                quiet.result(report);
                            }

                            @Override
                            public java.util.Optional<Allocation> awaitAllocation() {
                                return java.util.Optional.empty();
                            }

                            @Override
                            public List<String> kicks() {
                                return List.copyOf(kicks);
                            }
                        });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ex.sendResponseHeaders(503, -1);
                return;
            }
            servers.add(server);
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port());
            List<Map<String, Object>> tokens = new ArrayList<>();
            for (JsonNode p : req.path("players")) {
                tokens.add(Map.of("playerId", p.path("id").asString(), "name", p.path("name").asString(), "token",
                        ConnectTokens.issue(key, sessionId, p.path("id").asString(), p.path("name").asString(), address,
                                Instant.now().plusSeconds(120))));
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", sessionId);
            body.put("roomId", req.path("roomId").asString());
            body.put("state", "READY");
            body.put("host", "127.0.0.1");
            body.put("port", server.port());
            body.put("matchSeconds", seconds);
            body.put("createdAt", Instant.now().toString());
            body.put("connectTokens", tokens);
            byte[] out = LobbyClient.JSON.writeValueAsBytes(body);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(201, out.length);
            ex.getResponseBody().write(out);
            String roomId = req.path("roomId").asString();
            Thread.ofVirtual().start(() -> reportWhenEnded(server.run(), sessionId, roomId));
        }
    }

    /** As the lobby's operator kick does: {@code POST /api/sessions/{id}/players/{playerId}/kick}. */
    public int kick(String sessionId, String playerId) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url() + "/api/sessions/" + sessionId + "/players/" + playerId + "/kick"))
                .header("Authorization", "Bearer " + serviceKey).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private void reportWhenEnded(MatchReport report, String sessionId, String roomId) {
        try {
            List<Map<String, Object>> players = new ArrayList<>();
            report.players().forEach(p -> players.add(Map.of("name", p.name(), "kills", p.kills(), "deaths", p.deaths(),
                    "damageDealt", p.damageDealt())));
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("reason", report.reason().name());
            result.put("winner", report.winner());
            result.put("durationSeconds", report.durationSeconds());
            result.put("players", players);
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("eventId", UUID.randomUUID().toString());
            event.put("type", "SESSION_ENDED");
            event.put("sessionId", sessionId);
            event.put("roomId", roomId);
            event.put("occurredAt", Instant.now().toString());
            event.put("reason", report.reason().name());
            event.put("result", result);
            HttpResponse<String> res = client.send(HttpRequest.newBuilder(URI.create(lobbyEventsUrl))
                    .header("Authorization", "Bearer " + serviceKey).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(LobbyClient.JSON.writeValueAsString(event))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() / 100 != 2) {
                System.err.println("lobby refused SESSION_ENDED: " + res.statusCode() + " " + res.body());
            }
        } catch (IOException | InterruptedException e) {
            System.err.println("could not report the end of " + sessionId + ": " + e);
        }
    }

    @Override
    public void close() throws IOException {
        http.stop(0);
        servers.forEach(GameServer::requestStop);
    }
}
