package dev.skirmish.lobby.limits;

import dev.skirmish.lobby.support.Http;
import java.time.Duration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Attack: players start a match, leave its room while the game server runs, and start another from a new room, and
 * again: every match holds a game server until it ends, so a few players could take the orchestrator's capacity.
 */
class MatchFarmingTest extends LimitedLobbyTestBase {

    @Test
    void playersStillInARunningMatchCannotStartAnother() throws Exception {
        var http = new Http(port, "127.0.0.77");
        String alice = http.guest(name("farm")).get("token").asString();
        String bob = http.guest(name("farm")).get("token").asString();

        String first = readyRoom(http, alice, bob);
        assertThat(http.post("/api/rooms/" + first + "/start", alice, null).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> "IN_GAME".equals(http.get("/api/rooms/" + first, alice).body().get("state").asString()));
        http.post("/api/rooms/" + first + "/leave", alice, null);
        http.post("/api/rooms/" + first + "/leave", bob, null);

        String second = readyRoom(http, alice, bob);
        assertLimited(http.exchange("POST", "/api/rooms/" + second + "/start", alice, null), "MATCH_LIMIT");
        assertThat(http.get("/api/rooms/" + second, alice).body().get("state").asString()).isEqualTo("OPEN");
    }

    private static String readyRoom(Http http, String owner, String other) {
        String id = http.post("/api/rooms", owner, "{\"name\":\"farm\",\"capacity\":2}").body().get("id").asString();
        assertThat(http.post("/api/rooms/" + id + "/join", other, null).status()).isEqualTo(200);
        http.post("/api/rooms/" + id + "/ready", owner, "{\"ready\":true}");
        http.post("/api/rooms/" + id + "/ready", other, "{\"ready\":true}");
        return id;
    }
}
