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
 * {@code POST /api/sessions} like docs/orchestrator-api.md says (or with a chosen error status), and
 * {@code GET /api/sessions?state=}, {@code DELETE /api/sessions/{id}}. An {@link #isolated} one also keeps the
 * orchestrator's rule of one live session per room (409); the {@link #shared} one forgets its sessions, because the
 * tests end matches by posting events to the lobby, which this fake never hears of.
 */
public final class FakeOrchestrator implements AutoCloseable {
    public static final String SERVICE_KEY = "test-service-key";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static FakeOrchestrator shared;

    private final HttpServer server;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger sessionSeq = new AtomicInteger();
    // session ids are unique in the matches table: a PostgreSQL test database outlives one test run
    private final String runId = Long.toString(java.util.concurrent.ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
    private volatile int failWith;
    private final boolean oneLivePerRoom;
    /** id → session view (id, roomId, state, createdAt) */
    private final Map<String, Map<String, Object>> sessions = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<String> stopped = new CopyOnWriteArrayList<>();
    /** "sessionId/playerId" of each kick the lobby asked for, in order. */
    private final List<String> kicks = new CopyOnWriteArrayList<>();
    private volatile int failKicksWith;
    private final Map<String, Map<String, Object>> reported = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, List<String>> logs = new java.util.concurrent.ConcurrentHashMap<>();
    /** roomId → the traceparent header of each session request for it, in order (absent header: ""). */
    private final Map<String, List<String>> traceparents = new java.util.concurrent.ConcurrentHashMap<>();
    /** roomId → a latch its session requests wait on before they are answered (bounded: 10 s). */
    private final Map<String, java.util.concurrent.CountDownLatch> held = new java.util.concurrent.ConcurrentHashMap<>();

    private FakeOrchestrator(boolean oneLivePerRoom) throws IOException {
        this.oneLivePerRoom = oneLivePerRoom;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/sessions", this::sessions);
        server.createContext("/actuator/health", ex -> reply(ex, 200, "{\"status\":\"UP\"}"));
        server.start();
    }

    /** One per test JVM; stopped when the JVM exits. */
    public static synchronized FakeOrchestrator shared() {
        if (shared == null) {
            try {
                shared = new FakeOrchestrator(false);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> shared.server.stop(0)));
        }
        return shared;
    }

    /** A fake of its own, with one live session per room; close it at the end of the test. */
    public static FakeOrchestrator isolated() throws IOException {
        return new FakeOrchestrator(true);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** A live (RUNNING) session of a room that the lobby never heard of, as a launch cut short leaves behind. */
    public String liveSessionWithoutLobby(String roomId, java.time.Instant createdAt) {
        String id = "s-" + runId + "-orphan-" + sessionSeq.incrementAndGet();
        sessions.put(id, new java.util.concurrent.ConcurrentHashMap<>(Map.of("id", id, "roomId", roomId, "state", "RUNNING",
                "createdAt", createdAt.toString())));
        return id;
    }

    /** A live session (as {@link #liveSessionWithoutLobby}) whose game server wrote these lines. */
    public String sessionWithLog(String roomId, List<String> lines) {
        String id = liveSessionWithoutLobby(roomId, java.time.Instant.now());
        sessions.get(id).put("port", 7777);
        logs.put(id, List.copyOf(lines));
        return id;
    }

    /** GET /api/sessions/{id} of a session this fake forgot shows it RUNNING with these heartbeat figures. */
    public void reportStats(String sessionId, Map<String, Object> lastStats) {
        reported.put(sessionId, Map.of("id", sessionId, "state", "RUNNING", "port", 7003, "lastStats", lastStats));
    }

    /** Ids that got a DELETE, in order. */
    public List<String> stopped() {
        return stopped;
    }

    /** "sessionId/playerId" of every {@code POST /api/sessions/{id}/players/{playerId}/kick}, in order. */
    public List<String> kicks() {
        return kicks;
    }

    /** 0 = kicks succeed (202); otherwise the status every kick gets. */
    public void failKicksWith(int status) {
        this.failKicksWith = status;
    }

    /** The session is over here (as after a crash) without the lobby being told. */
    public void endWithoutTelling(String sessionId, String state, String endReason) {
        var s = sessions.get(sessionId);
        s.put("state", state);
        s.put("endReason", endReason);
        s.put("endedAt", java.time.Instant.now().toString());
    }

    /** Forgets a session, as an orchestrator that lost its database would. */
    public void forget(String sessionId) {
        sessions.remove(sessionId);
    }

    /** Sessions this fake keeps (isolated fakes only), newest last. */
    public List<String> sessionIds() {
        return sessions.keySet().stream().sorted(java.util.Comparator.comparingInt(id -> Integer.parseInt(id.substring(id.lastIndexOf('-') + 1)))).toList();
    }

    public String stateOf(String sessionId) {
        var s = sessions.get(sessionId);
        return s == null ? null : (String) s.get("state");
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

    /** The traceparent headers of the room's session requests, in order ("" for a request without one). */
    public List<String> traceparentsFor(String roomId) {
        return traceparents.getOrDefault(roomId, List.of());
    }

    /** The room's session requests are answered only after {@link #release} (or 10 s): the launch stays in flight. */
    public void hold(String roomId) {
        held.put(roomId, new java.util.concurrent.CountDownLatch(1));
    }

    public void release(String roomId) {
        var latch = held.remove(roomId);
        if (latch != null) latch.countDown();
    }

    private void sessions(HttpExchange ex) throws IOException {
        if (!("Bearer " + SERVICE_KEY).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            reply(ex, 401, "{\"status\":401,\"detail\":\"bad key\"}");
            return;
        }
        String path = ex.getRequestURI().getPath();
        if (ex.getRequestMethod().equals("GET") && path.equals("/api/sessions")) {
            String query = ex.getRequestURI().getQuery();
            String state = query != null && query.startsWith("state=") ? query.substring(6) : null;
            reply(ex, 200, JSON.writeValueAsString(sessions.values().stream().filter(s -> state == null || state.equals(s.get("state"))).toList()));
            return;
        }
        if (ex.getRequestMethod().equals("GET") && path.equals("/api/sessions/counts")) {
            Map<String, Long> byState = new java.util.LinkedHashMap<>();
            for (String st : List.of("REQUESTED", "STARTING", "READY", "RUNNING", "UNHEALTHY", "ENDED", "FAILED", "CRASHED")) {
                byState.put(st, sessions.values().stream().filter(s -> st.equals(s.get("state"))).count());
            }
            reply(ex, 200, JSON.writeValueAsString(Map.of("byState", byState, "processes", 0, "maxSessions", 50)));
            return;
        }
        if (ex.getRequestMethod().equals("GET") && path.endsWith("/log")) {
            String id = path.substring("/api/sessions/".length(), path.length() - "/log".length());
            var lines = logs.get(id);
            if (lines == null) reply(ex, 404, "{\"status\":404,\"detail\":\"no such session\"}");
            else reply(ex, 200, JSON.writeValueAsString(Map.of("id", id, "process", "pid 4242", "lines", lines)));
            return;
        }
        if (ex.getRequestMethod().equals("GET")) {
            String id = path.substring(path.lastIndexOf('/') + 1);
            var s = sessions.containsKey(id) ? sessions.get(id) : reported.get(id);
            if (s == null) reply(ex, 404, "{\"status\":404,\"detail\":\"no such session\"}");
            else reply(ex, 200, JSON.writeValueAsString(s));
            return;
        }
        if (ex.getRequestMethod().equals("DELETE")) {
            String id = path.substring(path.lastIndexOf('/') + 1);
            var s = sessions.get(id);
            if (s == null) {
                reply(ex, 404, "{\"status\":404,\"detail\":\"no session " + id + "\"}");
                return;
            }
            stopped.add(id);
            s.put("state", "ENDED");
            ex.sendResponseHeaders(202, -1);
            ex.close();
            return;
        }
        String[] parts = path.split("/");
        if (ex.getRequestMethod().equals("POST") && parts.length == 7 && parts[4].equals("players") && parts[6].equals("kick")) {
            if (failKicksWith != 0) {
                reply(ex, failKicksWith, "{\"status\":" + failKicksWith + ",\"detail\":\"fake failure\"}");
                return;
            }
            kicks.add(parts[3] + "/" + parts[5]);
            ex.sendResponseHeaders(202, -1);
            ex.close();
            return;
        }
        JsonNode body = JSON.readTree(ex.getRequestBody().readAllBytes());
        String tracedRoom = body.path("roomId").asString("");
        String traceparent = ex.getRequestHeaders().getFirst("traceparent");
        traceparents.computeIfAbsent(tracedRoom, k -> new CopyOnWriteArrayList<>()).add(traceparent == null ? "" : traceparent);
        requests.add(body);
        var latch = held.get(tracedRoom);
        if (latch != null) {
            try {
                latch.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (failWith != 0) {
            reply(ex, failWith, "{\"status\":" + failWith + ",\"detail\":\"fake failure\"}");
            return;
        }
        String roomId = body.get("roomId").asString();
        var live = sessions.values().stream().filter(s -> roomId.equals(s.get("roomId")) && !"ENDED".equals(s.get("state"))).findFirst();
        if (oneLivePerRoom && live.isPresent()) {
            reply(ex, 409, "{\"status\":409,\"title\":\"Room already has a session\",\"detail\":\"room " + roomId
                    + " already has live session " + live.get().get("id") + "\"}");
            return;
        }
        String id = "s-" + runId + "-" + sessionSeq.incrementAndGet();
        if (oneLivePerRoom) {
            sessions.put(id, new java.util.concurrent.ConcurrentHashMap<>(Map.of("id", id, "roomId", roomId, "state", "READY",
                    "createdAt", java.time.Instant.now().toString())));
        }
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
