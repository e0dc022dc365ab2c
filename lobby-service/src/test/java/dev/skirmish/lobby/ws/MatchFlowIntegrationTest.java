package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.support.FakeOrchestrator;
import dev.skirmish.lobby.support.IntegrationTestBase;
import dev.skirmish.lobby.support.StompTestClient;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.skirmish.lobby.support.StompTestClient.next;
import static org.assertj.core.api.Assertions.assertThat;

/** Two players over REST + real STOMP: join, chat, ready, start, receive their own tokens, get the result. */
class MatchFlowIntegrationTest extends IntegrationTestBase {

    @Test
    void twoPlayersJoinChatReadyStartAndGetTheResult() {
        JsonNode alice = http.guest(name("alice"));
        JsonNode bob = http.guest(name("bob"));
        String aliceToken = alice.get("token").asString();
        String bobToken = bob.get("token").asString();

        String aliceId = alice.get("id").asString();
        String bobId = bob.get("id").asString();
        try (var a = connect(aliceId, aliceToken); var b = connect(bobId, bobToken)) {
            var lobbyList = b.subscribe("/topic/rooms");
            var aliceMatch = a.subscribe("/user/queue/match");
            var bobMatch = b.subscribe("/user/queue/match");
            awaitSubscribed(bobId, "/topic/rooms", "/user/queue/match");
            awaitSubscribed(aliceId, "/user/queue/match");

            var created = http.post("/api/rooms", aliceToken, "{\"name\":\"flow\",\"capacity\":2,\"private\":false}");
            assertThat(created.status()).isEqualTo(201);
            String roomId = created.body().get("id").asString();
            assertThat(next(lobbyList, "CREATED").get("roomId").asString()).isEqualTo(roomId);

            var aliceRoom = a.subscribe("/topic/rooms/" + roomId);
            var aliceChat = a.subscribe("/topic/rooms/" + roomId + "/chat");
            awaitSubscribed(aliceId, "/topic/rooms/" + roomId, "/topic/rooms/" + roomId + "/chat");
            assertThat(http.post("/api/rooms/" + roomId + "/join", bobToken, "{}").status()).isEqualTo(200);
            JsonNode joined = next(aliceRoom, "JOINED");
            assertThat(joined.get("player").get("name").asString()).isEqualTo(bob.get("name").asString());
            assertThat(joined.get("room").get("players")).hasSize(2);

            var bobChat = b.subscribe("/topic/rooms/" + roomId + "/chat");
            var bobRoom = b.subscribe("/topic/rooms/" + roomId);
            awaitSubscribed(bobId, "/topic/rooms/" + roomId, "/topic/rooms/" + roomId + "/chat");
            b.chat("/app/rooms/" + roomId + "/chat", "gl\u0007 hf");
            JsonNode line = next(aliceChat, null);
            assertThat(line.get("text").asString()).isEqualTo("gl hf");
            assertThat(line.get("name").asString()).isEqualTo(bob.get("name").asString());
            assertThat(next(bobChat, null).get("id").asLong()).isEqualTo(line.get("id").asLong());
            assertThat(http.get("/api/rooms/" + roomId + "/chat", aliceToken).body().get("items").get(0).get("text").asString()).isEqualTo("gl hf");

            http.post("/api/rooms/" + roomId + "/ready", aliceToken, "{\"ready\":true}");
            http.post("/api/rooms/" + roomId + "/ready", bobToken, "{\"ready\":true}");
            var start = http.post("/api/rooms/" + roomId + "/start", aliceToken, null);
            assertThat(start.status()).as(start.raw()).isEqualTo(200);
            assertThat(next(bobRoom, "COUNTDOWN").get("seconds").asLong()).isZero(); // 400 ms in tests rounds down
            JsonNode started = next(bobRoom, "STARTED");
            String sessionId = started.get("sessionId").asString();

            JsonNode aliceGets = next(aliceMatch, null);
            JsonNode bobGets = next(bobMatch, null);
            assertThat(aliceGets.get("playerId").asString()).isEqualTo(alice.get("id").asString());
            assertThat(aliceGets.get("token").asString()).isEqualTo("token-for-" + alice.get("name").asString());
            assertThat(bobGets.get("token").asString()).isEqualTo("token-for-" + bob.get("name").asString());
            for (JsonNode m : new JsonNode[] {aliceGets, bobGets}) {
                assertThat(m.get("roomId").asString()).isEqualTo(roomId);
                assertThat(m.get("sessionId").asString()).isEqualTo(sessionId);
                assertThat(m.get("host").asString()).isEqualTo("127.0.0.1");
                assertThat(m.get("port").asInt()).isEqualTo(7003);
                assertThat(m.get("matchSeconds").asInt()).isEqualTo(60);
            }
            assertThat(aliceMatch).as("each player gets only its own token").isEmpty();

            String event = """
                    {"eventId":"%s","type":"SESSION_ENDED","sessionId":"%s","roomId":"%s","occurredAt":"2026-11-25T10:03:00Z",
                     "reason":"MATCH_END","result":{"reason":"MATCH_END","winner":"%s","durationSeconds":60.0,
                     "players":[{"name":"%s","kills":3,"deaths":1,"damageDealt":7},{"name":"%s","kills":1,"deaths":3,"damageDealt":2}]}}
                    """.formatted(UUID.randomUUID(), sessionId, roomId, alice.get("name").asString(), alice.get("name").asString(), bob.get("name").asString());
            assertThat(http.post("/internal/sessions/events", "wrong-key", event).status()).isEqualTo(401);
            assertThat(http.post("/internal/sessions/events", FakeOrchestrator.SERVICE_KEY, event).status()).isEqualTo(204);
            assertThat(http.post("/internal/sessions/events", FakeOrchestrator.SERVICE_KEY, event).status()).as("duplicate").isEqualTo(204);

            JsonNode ended = next(bobRoom, "ENDED");
            assertThat(ended.get("room").get("state").asString()).isEqualTo("OPEN");
            assertThat(ended.get("match").get("winner").asString()).isEqualTo(alice.get("name").asString());

            var history = http.get("/api/matches?player=" + bob.get("id").asString(), bobToken);
            assertThat(history.status()).isEqualTo(200);
            JsonNode match = history.body().get("items").get(0);
            assertThat(match.get("winner").asString()).isEqualTo(alice.get("name").asString());
            var one = http.get("/api/matches/" + match.get("id").asString(), aliceToken).body();
            assertThat(one.get("players").get(0).get("kills").asInt()).isEqualTo(3);
            assertThat(one.get("players").get(1).get("damageDealt").asInt()).isEqualTo(2);
            assertThat(http.get("/api/rooms/" + roomId, aliceToken).body().get("state").asString()).isEqualTo("OPEN");
        }
    }

    @Test
    void whenTheOrchestratorCannotStartTheMatchEveryMemberHearsWhyAndTheRoomIsOpen() {
        JsonNode alice = http.guest(name("alice"));
        JsonNode bob = http.guest(name("bob"));
        String aliceToken = alice.get("token").asString();
        String bobToken = bob.get("token").asString();
        String roomId = http.post("/api/rooms", aliceToken, "{\"name\":\"doomed\",\"capacity\":2}").body().get("id").asString();
        http.post("/api/rooms/" + roomId + "/join", bobToken, null);
        FakeOrchestrator.shared().failWith(503);
        try (var a = connect(alice.get("id").asString(), aliceToken); var b = connect(bob.get("id").asString(), bobToken)) {
            var aliceRoom = a.subscribe("/topic/rooms/" + roomId);
            var bobRoom = b.subscribe("/topic/rooms/" + roomId);
            var bobMatch = b.subscribe("/user/queue/match");
            awaitSubscribed(alice.get("id").asString(), "/topic/rooms/" + roomId);
            awaitSubscribed(bob.get("id").asString(), "/topic/rooms/" + roomId, "/user/queue/match");
            http.post("/api/rooms/" + roomId + "/ready", aliceToken, "{\"ready\":true}");
            http.post("/api/rooms/" + roomId + "/ready", bobToken, "{\"ready\":true}");
            assertThat(http.post("/api/rooms/" + roomId + "/start", aliceToken, null).status()).isEqualTo(200);
            for (var q : java.util.List.of(aliceRoom, bobRoom)) {
                JsonNode failed = next(q, "START_FAILED");
                assertThat(failed.get("reason").asString()).isEqualTo("could not start the match: no game server capacity right now");
                assertThat(failed.get("room").get("state").asString()).isEqualTo("OPEN");
            }
            assertThat(bobMatch).as("no token without a session").isEmpty();
            assertThat(http.get("/api/rooms/" + roomId, bobToken).body().get("state").asString()).isEqualTo("OPEN");
        } finally {
            FakeOrchestrator.shared().failWith(0);
        }
    }
}
