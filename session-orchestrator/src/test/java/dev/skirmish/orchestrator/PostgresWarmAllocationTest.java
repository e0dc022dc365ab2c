package dev.skirmish.orchestrator;

import static dev.skirmish.orchestrator.TestOrchestrator.createBody;
import static dev.skirmish.orchestrator.TestOrchestrator.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.skirmish.orchestrator.sessions.SessionRegistry;
import dev.skirmish.orchestrator.sessions.SessionState;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * A warm allocation's row update and its event, and the event's delivery mark, are plain SQL statements: here they
 * run against PostgreSQL (where {@code SKIRMISH_TEST_POSTGRES_URL} is set, as in CI), in a schema of their own (the
 * lobby's tests share the database, and Flyway keeps one history per schema).
 */
@EnabledIfEnvironmentVariable(named = "SKIRMISH_TEST_POSTGRES_URL", matches = ".+")
class PostgresWarmAllocationTest {
    private static final String SCHEMA = "orchestrator_test";
    private static final String URL = System.getenv("SKIRMISH_TEST_POSTGRES_URL");
    private static final String USER = envOr("SKIRMISH_TEST_POSTGRES_USER", "skirmish");
    private static final String PASSWORD = envOr("SKIRMISH_TEST_POSTGRES_PASSWORD", "skirmish");

    @TempDir
    Path dir;

    @Test
    void aWarmAllocationAndItsDeliveredEventAreStoredInPostgres() throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
        List<String> events = new CopyOnWriteArrayList<>();
        HttpServer lobby = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        lobby.createContext("/", exchange -> {
            try (exchange) {
                events.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(204, -1);
            }
        });
        lobby.start();
        Map<String, Object> p = TestOrchestrator.defaults(dir, TestJars.fakeServerJar());
        p.put("spring.datasource.url", URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA);
        p.put("spring.datasource.username", USER);
        p.put("spring.datasource.password", PASSWORD);
        p.put("spring.flyway.schemas", SCHEMA);
        p.put("skirmish.orchestrator.warm-pool-size", 1);
        p.put("skirmish.orchestrator.port-range-start", TestOrchestrator.udp(7790));
        p.put("skirmish.orchestrator.port-range-end", TestOrchestrator.udp(7799));
        p.put("skirmish.orchestrator.lobby-events-url",
                "http://127.0.0.1:" + lobby.getAddress().getPort() + "/internal/sessions/events");
        try (TestOrchestrator orch = TestOrchestrator.start(dir, TestOrchestrator.freeTcpPort(), p)) {
            SessionRegistry registry = orch.bean(SessionRegistry.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> registry.all().stream()
                    .anyMatch(s -> s.warm() && s.roomId() == null && s.state() == SessionState.READY));

            HttpResponse<String> r = orch.post("/api/sessions", createBody("pg-room", 42, "alice", "bob"));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            assertThat(json(r).get("warm").asBoolean()).isTrue();
            String id = json(r).get("id").asString();

            try (Connection c = connect(); PreparedStatement q = c.prepareStatement("SELECT room_id, players_json,"
                    + " match_seconds, allocated_at FROM " + SCHEMA + ".game_session WHERE id = ?")) {
                q.setString(1, id);
                try (ResultSet rs = q.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString("room_id")).isEqualTo("pg-room");
                    assertThat(rs.getString("players_json")).contains("\"alice\"").contains("\"bob\"");
                    assertThat(rs.getInt("match_seconds")).isEqualTo(42);
                    assertThat(rs.getTimestamp("allocated_at")).isNotNull();
                }
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> events.stream()
                    .anyMatch(e -> e.contains(id) && e.contains("SESSION_READY") && e.contains("pg-room")));
            await().atMost(Duration.ofSeconds(10)).until(() -> deliveredReadyEvents(id) == 1);
        } finally {
            lobby.stop(0);
        }
    }

    /** SESSION_READY events of the session that are marked delivered after exactly one attempt. */
    private static int deliveredReadyEvents(String sessionId) throws SQLException {
        try (Connection c = connect(); PreparedStatement q = c.prepareStatement("SELECT count(*) FROM " + SCHEMA
                + ".outbox_event WHERE session_id = ? AND type = 'SESSION_READY' AND delivered_at IS NOT NULL"
                + " AND attempts = 1 AND last_error IS NULL")) {
            q.setString(1, sessionId);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, USER, PASSWORD);
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
