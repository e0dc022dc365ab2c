package dev.skirmish.lobby.matches;

import dev.skirmish.lobby.support.FakeOrchestrator;
import dev.skirmish.lobby.support.IntegrationTestBase;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import static dev.skirmish.lobby.support.StompTestClient.next;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reconnection across tiers, the lobby's part: a player whose client restarted mid-match gets its match's address and
 * connect token again from {@code GET /api/matches/current} or by subscribing to {@code /user/queue/match} again.
 * The token is a bearer secret (it holds the player's packet keys): the attacks are another player, or nobody at all,
 * asking for it, and asking for it after the match ended.
 */
class CurrentMatchTest extends IntegrationTestBase {
    @Autowired
    LiveMatches live;
    @Autowired
    MatchRepository matchRepository;

    private record Match(JsonNode alice, JsonNode bob, String roomId, String sessionId) {
    }

    private Match startMatch() {
        JsonNode alice = http.guest(name("alice"));
        JsonNode bob = http.guest(name("bob"));
        String aliceToken = alice.get("token").asString();
        String bobToken = bob.get("token").asString();
        String roomId = http.post("/api/rooms", aliceToken, "{\"name\":\"again\",\"capacity\":2}").body().get("id").asString();
        assertThat(http.post("/api/rooms/" + roomId + "/join", bobToken, "{}").status()).isEqualTo(200);
        try (var a = connect(alice.get("id").asString(), aliceToken)) {
            var aliceMatch = a.subscribe("/user/queue/match");
            awaitSubscribed(alice.get("id").asString(), "/user/queue/match");
            http.post("/api/rooms/" + roomId + "/ready", aliceToken, "{\"ready\":true}");
            http.post("/api/rooms/" + roomId + "/ready", bobToken, "{\"ready\":true}");
            assertThat(http.post("/api/rooms/" + roomId + "/start", aliceToken, null).status()).isEqualTo(200);
            String sessionId = next(aliceMatch, null).get("sessionId").asString();
            return new Match(alice, bob, roomId, sessionId);
        }
    }

    @Test
    void aReturningPlayerGetsItsOwnAddressAndTokenAgainWhileTheMatchRuns() {
        var m = startMatch();
        var again = http.get("/api/matches/current", m.alice().get("token").asString());
        assertThat(again.status()).as(again.raw()).isEqualTo(200);
        JsonNode a = again.body();
        assertThat(a.get("token").asString()).isEqualTo("token-for-" + m.alice().get("name").asString());
        assertThat(a.get("playerId").asString()).isEqualTo(m.alice().get("id").asString());
        assertThat(a.get("name").asString()).isEqualTo(m.alice().get("name").asString());
        assertThat(a.get("roomId").asString()).isEqualTo(m.roomId());
        assertThat(a.get("sessionId").asString()).isEqualTo(m.sessionId());
        assertThat(a.get("host").asString()).isEqualTo("127.0.0.1");
        assertThat(a.get("port").asInt()).isEqualTo(7003);
        assertThat(a.get("matchSeconds").asInt()).isEqualTo(60);
        // bob never subscribed to /user/queue/match (his client was down at the start): he gets his now
        JsonNode b = http.get("/api/matches/current", m.bob().get("token").asString()).body();
        assertThat(b.get("token").asString()).isEqualTo("token-for-" + m.bob().get("name").asString());
    }

    @Test
    void anotherPlayersTokenOrNoTokenGetsNoConnectToken() {
        startMatch();
        JsonNode mallory = http.guest(name("mallory"));
        var reply = http.get("/api/matches/current", mallory.get("token").asString());
        assertThat(reply.status()).as(reply.raw()).isEqualTo(404);
        assertThat(reply.body().get("code").asString()).isEqualTo("NO_CURRENT_MATCH");
        assertThat(reply.raw()).doesNotContain("token-for-");
        var anonymous = http.get("/api/matches/current", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.raw()).doesNotContain("token-for-");
    }

    @Test
    void afterTheMatchEndedTheTokenIsNotHandedOutAgain() {
        var m = startMatch();
        String aliceToken = m.alice().get("token").asString();
        assertThat(http.get("/api/matches/current", aliceToken).status()).isEqualTo(200);
        String event = """
                {"eventId":"%s","type":"SESSION_ENDED","sessionId":"%s","roomId":"%s","occurredAt":"2026-11-25T10:03:00Z",
                 "reason":"MATCH_END","result":{"reason":"MATCH_END","winner":null,"durationSeconds":60.0,"players":[]}}
                """.formatted(UUID.randomUUID(), m.sessionId(), m.roomId());
        assertThat(http.post("/internal/sessions/events", FakeOrchestrator.SERVICE_KEY, event).status()).isEqualTo(204);
        for (JsonNode p : new JsonNode[] {m.alice(), m.bob()}) {
            assertThat(live.holds(p.get("id").asString())).as("the match's end removed the token from memory").isFalse();
            var reply = http.get("/api/matches/current", p.get("token").asString());
            assertThat(reply.status()).as(reply.raw()).isEqualTo(404);
            assertThat(reply.body().get("code").asString()).isEqualTo("NO_CURRENT_MATCH");
        }
    }

    @Test
    void theTokenMapStaysBoundedWhenMoreMatchesStartThanItHolds() {
        // a flood of match starts (or a leak of ends never heard) cannot grow the map without end; the newest
        // match's players still get their tokens
        var map = new LiveMatches(matchRepository, Clock.systemUTC());
        int n = LiveMatches.MAX_ENTRIES + 100;
        for (int i = 0; i < n; i++) {
            map.issued(new MatchAssignment("r" + i, "s" + i, "127.0.0.1", 7000, "p" + i, "n" + i, "t" + i, 60));
        }
        assertThat(map.size()).isLessThanOrEqualTo(LiveMatches.MAX_ENTRIES);
        assertThat(map.holds("p" + (n - 1))).isTrue();
    }

    @Test
    void subscribingAgainToTheMatchQueueRedeliversOnlyTheSubscribersOwnAssignment() throws InterruptedException {
        var m = startMatch();
        String aliceId = m.alice().get("id").asString();
        JsonNode mallory = http.guest(name("mallory"));
        String malloryId = mallory.get("id").asString();
        // a restarted client: a new STOMP connection subscribing to the match queue while the match runs
        try (var a = connect(aliceId, m.alice().get("token").asString()); var x = connect(malloryId, mallory.get("token").asString())) {
            var malloryMatch = x.subscribe("/user/queue/match");
            awaitSubscribed(malloryId, "/user/queue/match");
            var aliceMatch = a.subscribe("/user/queue/match");
            JsonNode again = next(aliceMatch, null);
            assertThat(again.get("token").asString()).isEqualTo("token-for-" + m.alice().get("name").asString());
            assertThat(again.get("sessionId").asString()).isEqualTo(m.sessionId());
            assertThat(malloryMatch.poll(300, TimeUnit.MILLISECONDS)).as("a player without a match gets nothing").isNull();
        }
    }
}
