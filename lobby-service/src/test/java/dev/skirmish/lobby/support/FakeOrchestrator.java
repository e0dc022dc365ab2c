package dev.skirmish.lobby.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The session orchestrator faked at its HTTP boundary: a real JDK HttpServer on loopback that answers
 * {@code POST /api/sessions} like docs/orchestrator-api.md says (or with a chosen error status).
 */
public final class FakeOrchestrator {
    public static final String SERVICE_KEY = "test-service-key";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static FakeOrchestrator shared;

    private final HttpServer server;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger sessionSeq = new AtomicInteger();
    // session ids are unique in the matches table: a PostgreSQL test database outlives one test run
    private final String runId = Long.toString(java.util.concurrent.ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
    private volatile int failWith;

    private FakeOrchestrator() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/sessions", this::sessions);
        server.createContext("/actuator/health", ex -> reply(ex, 200, "{\"status\":\"UP\"}"));
        server.start();
    }

    /** One per test JVM; stopped when the JVM exits. */
    public static synchronized FakeOrchestrator shared() {
        if (shared == null) {
            try {
                shared = new FakeOrchestrator();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> shared.server.stop(0)));
        }
        return shared;
    }

    public static void register(DynamicPropertyRegistry registry) {
        registry.add("skirmish.lobby.orchestrator-url", () -> shared().url());
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** 0 = succeed; otherwise the status every session request gets. */
    public void failWith(int status) {
        this.failWith = status;
    }

    public List<JsonNode> requests() {
        return requests;
    }

    private void sessions(HttpExchange ex) throws IOException {
        if (!("Bearer " + SERVICE_KEY).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            reply(ex, 401, "{\"status\":401,\"detail\":\"bad key\"}");
            return;
        }
        JsonNode body = JSON.readTree(ex.getRequestBody().readAllBytes());
        requests.add(body);
        if (failWith != 0) {
            reply(ex, failWith, "{\"status\":" + failWith + ",\"detail\":\"fake failure\"}");
            return;
        }
        String id = "s-" + runId + "-" + sessionSeq.incrementAndGet();
        List<Map<String, Object>> tokens = new ArrayList<>();
        for (JsonNode p : body.get("players")) {
            tokens.add(Map.of("playerId", p.get("id").asString(), "name", p.get("name").asString(), "token", "token-for-" + p.get("name").asString()));
        }
        var session = Map.of("id", id, "roomId", body.get("roomId").asString(), "state", "READY", "host", "127.0.0.1", "port", 7003,
                "matchSeconds", body.get("matchSeconds").asInt(), "createdAt", "2026-11-25T10:00:00Z", "connectTokens", tokens);
        reply(ex, 201, JSON.writeValueAsString(session));
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (var out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
