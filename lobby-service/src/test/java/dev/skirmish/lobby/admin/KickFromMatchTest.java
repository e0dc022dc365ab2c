package dev.skirmish.lobby.admin;

import static dev.skirmish.lobby.support.StompTestClient.next;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.lobby.support.FakeOrchestrator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The operator's kick reaches a running match: the lobby asks the orchestrator (its HTTP stand-in here; the
 * orchestrator → game server part is session-orchestrator's KickFromMatchTest with a real game server) to remove the
 * player, stops handing the player its connect token again, and audits the kick with the session and the reason.
 */
class KickFromMatchTest extends AdminTestBase {
    private record Match(JsonNode owner, JsonNode pest, String roomId, String sessionId) {
    }

    @AfterEach
    void kicksWorkAgain() {
        FakeOrchestrator.shared().failKicksWith(0);
    }

    private Match startMatch() {
        JsonNode owner = http.guest(name("owner"));
        JsonNode pest = http.guest(name("pest"));
        String ownerToken = owner.get("token").asString();
        String pestToken = pest.get("token").asString();
        String roomId = http.post("/api/rooms", ownerToken, "{\"name\":\"kickable\",\"capacity\":2}").body().get("id").asString();
        assertThat(http.post("/api/rooms/" + roomId + "/join", pestToken, "{}").status()).isEqualTo(200);
        try (var o = connect(owner.get("id").asString(), ownerToken)) {
            var match = o.subscribe("/user/queue/match");
            awaitSubscribed(owner.get("id").asString(), "/user/queue/match");
            http.post("/api/rooms/" + roomId + "/ready", ownerToken, "{\"ready\":true}");
            http.post("/api/rooms/" + roomId + "/ready", pestToken, "{\"ready\":true}");
            assertThat(http.post("/api/rooms/" + roomId + "/start", ownerToken, null).status()).isEqualTo(200);
            return new Match(owner, pest, roomId, next(match, null).get("sessionId").asString());
        }
    }

    private static String kickPath(Match m) {
        return "/api/admin/rooms/" + m.roomId() + "/players/" + m.pest().get("id").asString() + "/kick";
    }

    /**
     * Attack: a player thrown out by an operator keeps playing (the room kick alone leaves the match running with
     * it), or gets its connect token back from the lobby and reconnects.
     */
    @Test
    void anOperatorsKickRemovesThePlayerFromTheRunningMatchAndItsTokenIsNotHandedOutAgain() {
        Match m = startMatch();
        String pestId = m.pest().get("id").asString();
        String pestToken = m.pest().get("token").asString();
        assertThat(http.get("/api/matches/current", pestToken).status()).isEqualTo(200);

        var kicked = http.post(kickPath(m), adminToken(), "{\"reason\":\"aimbot\"}");
        assertThat(kicked.status()).as(kicked.raw()).isEqualTo(200);
        assertThat(kicked.body().get("players").toString()).doesNotContain(pestId);

        assertThat(FakeOrchestrator.shared().kicks()).contains(m.sessionId() + "/" + pestId);
        var current = http.get("/api/matches/current", pestToken);
        assertThat(current.status()).isEqualTo(404);
        assertThat(current.raw()).doesNotContain("token-for-");
        assertThat(http.get("/api/matches/current", m.owner().get("token").asString()).status())
                .as("the others play on").isEqualTo(200);
        assertThat(http.get("/api/admin/audit?limit=20", adminToken()).body().toString())
                .contains("\"action\":\"KICK\",\"target\":\"" + pestId + "\"")
                .contains("match session " + m.sessionId() + ": aimbot");
    }

    /** Attack: a player (no ADMIN role) removes another from a running match. */
    @Test
    void aPlayerCannotKickAnotherOutOfTheMatch() {
        Match m = startMatch();
        var refused = http.post(kickPath(m), m.owner().get("token").asString(), "{\"reason\":\"x\"}");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(FakeOrchestrator.shared().kicks()).noneMatch(k -> k.startsWith(m.sessionId() + "/"));
        assertThat(http.get("/api/matches/current", m.pest().get("token").asString()).status()).isEqualTo(200);
    }

    @Test
    void whenTheOrchestratorCannotBeAskedNothingChangesAndTheOperatorIsTold() {
        Match m = startMatch();
        FakeOrchestrator.shared().failKicksWith(500);
        var failed = http.post(kickPath(m), adminToken(), "{\"reason\":\"aimbot\"}");
        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.body().get("code").asString()).isEqualTo("ORCHESTRATOR_UNAVAILABLE");
        assertThat(failed.raw()).doesNotContain("Exception");
        assertThat(http.get("/api/rooms/" + m.roomId(), m.owner().get("token").asString()).body().get("players").toString())
                .contains(m.pest().get("id").asString());
    }
}
