package dev.skirmish.lobby.players;

import dev.skirmish.lobby.support.IntegrationTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The REST surface: tokens, problem details, rooms over HTTP, operations endpoints. */
class RestApiIntegrationTest extends IntegrationTestBase {

    private static void problem(dev.skirmish.lobby.support.Http.Reply r, int status, String code) {
        assertThat(r.status()).as(r.raw()).isEqualTo(status);
        assertThat(r.body().get("code").asString()).isEqualTo(code);
        assertThat(r.body().get("status").asInt()).isEqualTo(status);
        assertThat(r.body().get("detail").asString()).isNotBlank();
        assertThat(r.raw()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void everyCallButSignUpNeedsAValidToken() {
        problem(http.get("/api/rooms", null), 401, "UNAUTHORIZED");
        problem(http.get("/api/rooms", "x.y.1.zz"), 401, "UNAUTHORIZED");
        problem(http.post("/api/rooms", null, "{}"), 401, "UNAUTHORIZED");
        problem(http.get("/api/matches?player=x", null), 401, "UNAUTHORIZED");
        problem(http.post("/internal/sessions/events", null, "{}"), 401, "UNAUTHORIZED");
    }

    @Test
    void guestNamesAreValidatedAndUniqueAmongOnlinePlayers() {
        problem(http.post("/api/players/guest", null, "{\"name\":\"ab\"}"), 400, "INVALID_NAME");
        problem(http.post("/api/players/guest", null, "{\"name\":\"has space\"}"), 400, "INVALID_NAME");
        problem(http.post("/api/players/guest", null, "{\"name\":\"seventeen-chars-x\"}"), 400, "INVALID_NAME");
        problem(http.post("/api/players/guest", null, "{nope"), 400, "INVALID_REQUEST");
        String n = name("dup");
        JsonNode first = http.guest(n);
        assertThat(first.get("expiresAt").asString()).isNotBlank();
        problem(http.post("/api/players/guest", null, "{\"name\":\"" + n.toUpperCase() + "\"}"), 409, "NAME_IN_USE");
    }

    @Test
    void aTokenCanBeRefreshed() {
        JsonNode g = http.guest(name("fresh"));
        var r = http.post("/api/players/refresh", g.get("token").asString(), null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().get("id").asString()).isEqualTo(g.get("id").asString());
        var me = http.get("/api/players/me", r.body().get("token").asString());
        assertThat(me.body().get("name").asString()).isEqualTo(g.get("name").asString());
        problem(http.post("/api/players/refresh", "garbage", null), 401, "UNAUTHORIZED");
    }

    @Test
    void roomsOverHttp() {
        String alice = http.guest(name("alice")).get("token").asString();
        String bob = http.guest(name("bob")).get("token").asString();
        String carol = http.guest(name("carol")).get("token").asString();
        problem(http.post("/api/rooms", alice, "{\"name\":\"r\",\"capacity\":12}"), 400, "INVALID_CAPACITY");
        problem(http.post("/api/rooms", alice, "{\"name\":\"r\",\"capacity\":2,\"matchSeconds\":5}"), 400, "INVALID_MATCH_SECONDS");
        problem(http.post("/api/rooms", alice, "{\"name\":\"r\",\"capacity\":2,\"matchSeconds\":\"soon\"}"), 400, "INVALID_REQUEST");
        var priv = http.post("/api/rooms", alice, "{\"name\":\"secret-http\",\"capacity\":2,\"private\":true}");
        assertThat(priv.status()).isEqualTo(201);
        assertThat(priv.body().get("private").asBoolean()).isTrue();
        String id = priv.body().get("id").asString();
        String code = priv.body().get("code").asString();
        assertThat(http.get("/api/rooms?name=secret-http", bob).body().get("items")).isEmpty();
        problem(http.post("/api/rooms/" + id + "/join", bob, "{\"code\":\"WRONG1\"}"), 403, "WRONG_CODE");
        assertThat(http.post("/api/rooms/" + id + "/join", bob, "{\"code\":\"" + code + "\"}").status()).isEqualTo(200);
        problem(http.post("/api/rooms/" + id + "/join", carol, "{\"code\":\"" + code + "\"}"), 409, "ROOM_FULL");
        problem(http.get("/api/rooms/nope", carol), 404, "ROOM_NOT_FOUND");
        problem(http.get("/api/rooms?state=NOPE", carol), 400, "INVALID_REQUEST");
        problem(http.post("/api/rooms/" + id + "/start", bob, null), 403, "NOT_OWNER");
        problem(http.get("/api/rooms/" + id + "/chat", carol), 403, "NOT_A_MEMBER");
        problem(http.get("/api/matches/none", carol), 404, "MATCH_NOT_FOUND");
        assertThat(priv.body().get("matchSeconds").asInt()).as("the configured default").isEqualTo(60);
        var pub = http.post("/api/rooms", carol, "{\"name\":\"public-http\",\"capacity\":3,\"matchSeconds\":45}");
        assertThat(pub.body().get("matchSeconds").asInt()).isEqualTo(45);
        JsonNode row = http.get("/api/rooms?name=public-http&state=OPEN&page=0&size=5", alice).body();
        assertThat(row.get("totalItems").asInt()).isEqualTo(1);
        JsonNode listed = row.get("items").get(0);
        assertThat(listed.get("id").asString()).isEqualTo(pub.body().get("id").asString());
        assertThat(listed.get("players").get(0).get("ready").asBoolean()).isFalse();
        assertThat(listed.get("owner").asString()).isNotBlank();
        assertThat(listed.get("capacity").asInt()).isEqualTo(3);
        assertThat(listed.get("matchSeconds").asInt()).isEqualTo(45);
        assertThat(http.get("/api/rooms/" + listed.get("id").asString(), alice).body().get("matchSeconds").asInt()).isEqualTo(45);
    }

    @Test
    void operationsEndpoints() {
        // health details, metrics and info need the service key since they moved behind Spring Security (issue 13)
        String key = "test-service-key";
        var health = http.get("/actuator/health", key);
        assertThat(health.body().get("components").get("orchestrator").get("status").asString()).isEqualTo("UP");
        http.get("/api/rooms", http.guest(name("metric")).get("token").asString());
        String prom = http.get("/actuator/prometheus", key).raw();
        assertThat(prom).contains("lobby_players_online", "lobby_rooms{state=\"OPEN\"}", "lobby_chat_messages_total",
                "lobby_match_starts_total", "lobby_match_start_failures_total", "lobby_chat_queued");
        assertThat(http.get("/actuator/info", key).status()).isEqualTo(200);
        assertThat(http.get("/v3/api-docs", null).raw()).contains("/api/rooms/{id}/join", "/api/players/guest");
        assertThat(http.get("/swagger-ui/index.html", null).status()).isEqualTo(200);
        problem(http.get("/api/players/guest", null), 405, "METHOD_NOT_ALLOWED");
    }
}
