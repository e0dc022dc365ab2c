package dev.skirmish.lobby.text;

import dev.skirmish.lobby.support.FakeOrchestrator;
import dev.skirmish.lobby.support.Http;
import dev.skirmish.lobby.support.IntegrationTestBase;
import dev.skirmish.lobby.support.StompTestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import static dev.skirmish.lobby.support.StompTestClient.next;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attack: a player puts terminal escapes (ESC[2J, the 8-bit CSI U+009B), bidi overrides (U+202E) and zero-width
 * characters into a room name, a chat line or its own name, so that they run in other players' terminals or
 * disguise text. Over real HTTP and a real STOMP client that plays the victim: none of those characters ever reaches
 * it, neither live (room list topic, room and lobby chat, room events) nor from REST (room list, chat history,
 * match history). Also for rows written before the sanitizer existed, and for a match result a game server wrote.
 */
class TerminalEscapeInjectionTest extends IntegrationTestBase {
    /** ESC[2J clears the screen, U+009B is CSI in one byte (8-bit terminals), the rest reorder or hide text. */
    static final String EVIL = "\u001b[2J\u009b2J\u202Egnp.exe\u2066x\u2069\u200B\u0085\u061C\uFEFF\u200D\u007f";
    static final String EVIL_STRIPPED = "[2J2Jgnp.exex";

    @Autowired
    JdbcTemplate jdbc;

    private record Player(String id, String name, String token) {
    }

    private Player guest(String prefix) {
        JsonNode g = http.guest(name(prefix));
        return new Player(g.get("id").asString(), g.get("name").asString(), g.get("token").asString());
    }

    @Test
    void hiddenCharactersInARoomNameAreRefusedAndNeverListed() {
        var mallory = guest("mallory");
        var victim = guest("victim");
        try (var v = connect(victim.id(), victim.token())) {
            var roomList = v.subscribe("/topic/rooms");
            awaitSubscribed(victim.id(), "/topic/rooms");
            for (String bad : List.of("clear\u009b2J", "\u202Eroom", "esc\u001b[31m", "zw\u200Bsp", "nel\u0085", "iso\u2066late")) {
                var refused = http.post("/api/rooms", mallory.token(), Http.JSON.writeValueAsString(Map.of("name", bad, "capacity", 2)));
                assertThat(refused.status()).as(bad).isEqualTo(400);
                assertThat(refused.body().get("code").asString()).isEqualTo("INVALID_ROOM_NAME");
                assertThat(refused.body().get("detail").asString()).startsWith("room name contains U+");
                assertNothingHidden(refused.raw(), refused.body());
            }
            // a clean room afterwards: the first thing the victim hears about
            var ok = http.post("/api/rooms", mallory.token(), "{\"name\":\"clean\",\"capacity\":2}");
            assertThat(ok.status()).isEqualTo(201);
            JsonNode first = next(roomList, null);
            // rooms of other tests (same Spring context) may change meanwhile, late on a loaded machine: they may be
            // heard first, but none of them carries a hidden character (the refused names never became rooms)
            while (!ok.body().get("id").asString().equals(first.path("roomId").asString())) {
                assertNothingHidden(first.toString(), first);
                first = next(roomList, null);
            }
            assertThat(first.get("type").asString()).isEqualTo("CREATED");
            assertThat(first.get("roomId").asString()).isEqualTo(ok.body().get("id").asString());
            var list = http.get("/api/rooms?size=100", victim.token());
            assertNothingHidden(list.raw(), list.body());
        }
    }

    @Test
    void hiddenCharactersInAPlayerNameAreRefused() {
        var refused = http.post("/api/players/guest", null, Http.JSON.writeValueAsString(Map.of("name", "bob\u202Exe")));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("code").asString()).isEqualTo("INVALID_NAME");
        assertThat(refused.body().get("detail").asString()).startsWith("name contains U+202E (RIGHT-TO-LEFT OVERRIDE)");
        assertNothingHidden(refused.raw(), refused.body());
    }

    @Test
    void hiddenCharactersInChatAreStrippedBeforeAnyoneReceivesThem() {
        var mallory = guest("mallory");
        var victim = guest("victim");
        String roomId = http.post("/api/rooms", mallory.token(), "{\"name\":\"chatty\",\"capacity\":2}").body().get("id").asString();
        assertThat(http.post("/api/rooms/" + roomId + "/join", victim.token(), null).status()).isEqualTo(200);
        try (var m = connect(mallory.id(), mallory.token()); var v = connect(victim.id(), victim.token())) {
            var lobbyChat = v.subscribe("/topic/lobby/chat");
            var roomChat = v.subscribe("/topic/rooms/" + roomId + "/chat");
            awaitSubscribed(victim.id(), "/topic/lobby/chat", "/topic/rooms/" + roomId + "/chat");

            m.chat("/app/lobby/chat", "lobby " + EVIL);
            m.chat("/app/rooms/" + roomId + "/chat", "room " + EVIL);
            JsonNode inLobby = next(lobbyChat, null);
            JsonNode inRoom = next(roomChat, null);
            assertThat(inLobby.get("text").asString()).isEqualTo("lobby " + EVIL_STRIPPED);
            assertThat(inRoom.get("text").asString()).isEqualTo("room " + EVIL_STRIPPED);
            assertNothingHidden(null, inLobby);
            assertNothingHidden(null, inRoom);

            // a line of nothing but hidden characters is refused to its sender and reaches nobody
            m.chat("/app/rooms/" + roomId + "/chat", "\u009b\u202E\u200B");
            assertThat(next(m.userErrors, null).get("code").asString()).isEqualTo("INVALID_CHAT");
            m.chat("/app/rooms/" + roomId + "/chat", "after");
            assertThat(next(roomChat, null).get("text").asString()).isEqualTo("after");

            var history = http.get("/api/rooms/" + roomId + "/chat", victim.token());
            assertThat(history.body().get("items")).hasSize(2);
            assertNothingHidden(history.raw(), history.body());
            var lobbyHistory = http.get("/api/lobby/chat?size=100", victim.token());
            assertNothingHidden(lobbyHistory.raw(), lobbyHistory.body());
        }
    }

    @Test
    void rowsStoredBeforeTheSanitizerNeverLeaveWithTheirHiddenCharacters() {
        var owner = guest("owner");
        var victim = guest("victim");
        String roomId = http.post("/api/rooms", owner.token(), "{\"name\":\"legacy\",\"capacity\":2}").body().get("id").asString();
        // what an older lobby let in: written straight to the database
        jdbc.update("update rooms set name = ? where id = ?", "old\u009b2J\u202E", roomId);
        jdbc.update("insert into chat_messages (channel, player_id, player_name, text, sent_at) values (?, ?, ?, ?, current_timestamp)",
                roomId, owner.id(), owner.name(), "old " + EVIL);
        assertThat(http.post("/api/rooms/" + roomId + "/join", victim.token(), null).status()).isEqualTo(200);

        var room = http.get("/api/rooms/" + roomId, victim.token());
        assertThat(room.body().get("name").asString()).isEqualTo("old2J");
        assertNothingHidden(room.raw(), room.body());
        var list = http.get("/api/rooms?size=100", victim.token());
        assertNothingHidden(list.raw(), list.body());
        var history = http.get("/api/rooms/" + roomId + "/chat", victim.token());
        assertThat(history.body().get("items").get(0).get("text").asString()).isEqualTo("old " + EVIL_STRIPPED);
        assertNothingHidden(history.raw(), history.body());
    }

    @Test
    void aMatchResultWithHiddenCharactersReachesTheMembersStripped() {
        var alice = guest("alice");
        var bob = guest("bob");
        String roomId = http.post("/api/rooms", alice.token(), "{\"name\":\"result\",\"capacity\":2}").body().get("id").asString();
        http.post("/api/rooms/" + roomId + "/join", bob.token(), null);
        try (var b = connect(bob.id(), bob.token())) {
            BlockingQueue<JsonNode> bobRoom = b.subscribe("/topic/rooms/" + roomId);
            awaitSubscribed(bob.id(), "/topic/rooms/" + roomId);
            http.post("/api/rooms/" + roomId + "/ready", alice.token(), "{\"ready\":true}");
            http.post("/api/rooms/" + roomId + "/ready", bob.token(), "{\"ready\":true}");
            assertThat(http.post("/api/rooms/" + roomId + "/start", alice.token(), null).status()).isEqualTo(200);
            String sessionId = next(bobRoom, "STARTED").get("sessionId").asString();

            // the game server reports the result; the orchestrator forwards its text as it is
            String event = Http.JSON.writeValueAsString(Map.of("eventId", UUID.randomUUID().toString(), "type", "SESSION_ENDED",
                    "sessionId", sessionId, "roomId", roomId, "reason", "MATCH_END" + EVIL,
                    "result", Map.of("reason", "MATCH_END" + EVIL, "winner", alice.name() + "\u202E", "durationSeconds", 60.0,
                            "players", List.of(Map.of("name", alice.name() + "\u009b", "kills", 1, "deaths", 0, "damageDealt", 1)))));
            assertThat(http.post("/internal/sessions/events", FakeOrchestrator.SERVICE_KEY, event).status()).isEqualTo(204);

            JsonNode ended = next(bobRoom, "ENDED");
            assertThat(ended.get("reason").asString()).isEqualTo("MATCH_END" + EVIL_STRIPPED);
            assertThat(ended.get("match").get("winner").asString()).isEqualTo(alice.name());
            assertThat(ended.get("match").get("players").get(0).get("kills").asInt()).as("the stripped name still scores").isEqualTo(1);
            assertNothingHidden(null, ended);
            var matches = http.get("/api/matches?player=" + bob.id(), bob.token());
            assertNothingHidden(matches.raw(), matches.body());
        }
    }

    /** Neither the raw body nor any decoded string or field name holds a hidden character. */
    static void assertNothingHidden(String raw, JsonNode body) {
        if (raw != null) {
            assertThat(UserText.firstHidden(raw.replace("\n", ""))).as("raw body %s", raw).isEqualTo(-1);
        }
        List<String> texts = new ArrayList<>();
        collect(body, texts);
        for (String t : texts) {
            assertThat(UserText.firstHidden(t)).as("hidden U+%04X in %s", UserText.firstHidden(t), t).isEqualTo(-1);
        }
    }

    private static void collect(JsonNode n, List<String> out) {
        if (n == null) return;
        if (n.isString()) out.add(n.asString());
        n.propertyNames().forEach(out::add);
        n.forEach(child -> collect(child, out));
    }
}
