package dev.skirmish.lobby.admin;

import dev.skirmish.lobby.support.FakeOrchestrator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.skirmish.lobby.support.StompTestClient.next;
import static org.assertj.core.api.Assertions.assertThat;

/** The console's read endpoints: rooms, matches with their report, the orchestrator's sessions and log, the overview. */
class ConsoleApiTest extends AdminTestBase {
    @Test
    void roomsPrivateOnesTooWithMembersAndChat() {
        JsonNode owner = http.guest(name("owner"));
        String token = owner.get("token").asString();
        String roomId = http.post("/api/rooms", token, "{\"name\":\"hidden den\",\"capacity\":2,\"private\":true}").body().get("id").asString();
        String admin = adminToken();
        try (var c = connect(owner.get("id").asString(), token)) {
            c.chat("/app/rooms/" + roomId + "/chat", "hello den");
            var list = http.get("/api/admin/rooms?name=HIDDEN&state=OPEN", admin).body();
            assertThat(list.get("items").toString()).contains(roomId).doesNotContain("\"code\":\"");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> http.get("/api/admin/rooms/" + roomId, admin).body().get("chat").toString().contains("hello den"));
            JsonNode detail = http.get("/api/admin/rooms/" + roomId, admin).body();
            assertThat(detail.get("room").get("players").get(0).get("id").asString()).isEqualTo(owner.get("id").asString());
            assertThat(detail.get("room").get("code").isNull()).as("the join code stays hidden").isTrue();
        }
        assertThat(http.get("/api/admin/rooms?state=NOPE", admin).body().get("code").asString()).isEqualTo("INVALID_STATE");
        assertThat(http.get("/api/admin/rooms/" + roomId + "?chat=201", admin).body().get("code").asString()).isEqualTo("INVALID_LIMIT");
        assertThat(http.get("/api/admin/rooms/no-such-room", admin).status()).isEqualTo(404);
    }

    @Test
    void aRunningMatchListedWithItsReportAndTheOverviewCountsIt() {
        JsonNode alice = http.guest(name("alice"));
        JsonNode bob = http.guest(name("bob"));
        String aliceToken = alice.get("token").asString();
        String bobToken = bob.get("token").asString();
        String roomId = http.post("/api/rooms", aliceToken, "{\"name\":\"arena\",\"capacity\":2}").body().get("id").asString();
        http.post("/api/rooms/" + roomId + "/join", bobToken, "{}");
        String sessionId;
        try (var a = connect(alice.get("id").asString(), aliceToken)) {
            var match = a.subscribe("/user/queue/match");
            awaitSubscribed(alice.get("id").asString(), "/user/queue/match");
            http.post("/api/rooms/" + roomId + "/ready", aliceToken, "{\"ready\":true}");
            http.post("/api/rooms/" + roomId + "/ready", bobToken, "{\"ready\":true}");
            http.post("/api/rooms/" + roomId + "/start", aliceToken, null);
            sessionId = next(match, null).get("sessionId").asString();
        }
        String admin = adminToken();
        JsonNode running = http.get("/api/admin/matches?state=RUNNING&limit=200", admin).body();
        String matchId = null;
        for (JsonNode m : running) if (sessionId.equals(m.get("sessionId").asString())) matchId = m.get("id").asString();
        assertThat(matchId).as("the running match is listed").isNotNull();

        FakeOrchestrator.shared().reportStats(sessionId, Map.of("tick", 600, "playersConnected", 2, "tickMsP99", 1.25,
                "bytesIn", 40_000, "bytesOut", 160_000));
        JsonNode report = http.get("/api/admin/matches/" + matchId, admin).body();
        assertThat(report.get("tickMsP99").asDouble()).isEqualTo(1.25);
        assertThat(report.get("bytesPerSecondPerClient").asDouble()).isPositive();
        assertThat(report.get("match").get("players")).hasSize(2);
        assertThat(report.get("sessionState").asString()).isEqualTo("RUNNING");

        JsonNode overview = http.get("/api/admin/overview", admin).body();
        assertThat(overview.get("matchesRunning").asLong()).isPositive();
        assertThat(overview.get("startsPerMinute").asLong()).isPositive();
        assertThat(overview.get("sessionsByState").has("RUNNING")).isTrue();
        assertThat(http.get("/api/admin/matches?state=DONE", admin).body().get("code").asString()).isEqualTo("INVALID_STATE");
        assertThat(http.get("/api/admin/matches?limit=0", admin).body().get("code").asString()).isEqualTo("INVALID_LIMIT");
    }

    /** Log lines are a game server's text: passed on as JSON strings, with the limit bounded. */
    @Test
    void sessionsAndTheirLastLogLines() {
        String id = FakeOrchestrator.shared().sessionWithLog("room-" + UUID.randomUUID(), List.of("starting", "<img src=x onerror=alert(1)>"));
        String admin = adminToken();
        assertThat(http.get("/api/admin/sessions?state=RUNNING", admin).body().toString()).contains(id);
        JsonNode log = http.get("/api/admin/sessions/" + id + "/log?lines=10", admin).body();
        assertThat(log.get("lines").get(1).asString()).isEqualTo("<img src=x onerror=alert(1)>");
        assertThat(log.get("process").asString()).isEqualTo("pid 4242");
        assertThat(http.get("/api/admin/sessions/" + id + "/log?lines=201", admin).body().get("code").asString()).isEqualTo("INVALID_LIMIT");
        assertThat(http.get("/api/admin/sessions/s-unknown/log", admin).body().get("code").asString()).isEqualTo("SESSION_NOT_FOUND");
        assertThat(http.get("/api/admin/sessions/..%2F..%2Fetc/log", admin).status()).isIn(400, 404);
    }

    /** Attack: a player (or anyone) reads the operators' view: rooms' chat, sessions' logs, match reports. */
    @Test
    void everyConsoleReadNeedsTheRoleAdmin() {
        String player = http.guest(name("nosy")).get("token").asString();
        for (String path : List.of("/api/admin/rooms", "/api/admin/rooms/x", "/api/admin/lobby/chat", "/api/admin/matches",
                "/api/admin/matches/x", "/api/admin/sessions", "/api/admin/sessions/x/log", "/api/admin/overview")) {
            assertThat(http.get(path, player).status()).as(path).isEqualTo(401);
            assertThat(http.get(path, null).status()).as(path).isEqualTo(401);
        }
    }
}
