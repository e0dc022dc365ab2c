package dev.skirmish.lobby.players;

import dev.skirmish.lobby.support.IntegrationTestBase;
import dev.skirmish.lobby.support.StompTestClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Attack: a token copied off a player's machine keeps working after the player signed out — for REST, for refresh
 * (so forever, by refreshing) and on an open STOMP connection. After {@code POST /api/players/sign-out} every use
 * of it is 401, a refresh too, its STOMP connection gets {@code TOKEN_REVOKED} and is closed, and a new CONNECT
 * with it is refused.
 */
class SignOutTest extends IntegrationTestBase {
    @Autowired
    PlayerRepository players;

    @Test
    void aSignedOutTokenIsDeadEverywhere() throws InterruptedException {
        JsonNode alice = http.guest(name("alice"));
        String id = alice.get("id").asString();
        String token = alice.get("token").asString();
        String refreshed = http.post("/api/players/refresh", token, null).body().get("token").asString();
        String roomId = http.post("/api/rooms", token, "{\"name\":\"bye\",\"capacity\":2}").body().get("id").asString();

        try (var c = connect(id, token)) {
            assertThat(http.post("/api/players/sign-out", token, null).status()).isEqualTo(204);

            String error = c.errors.poll(10, TimeUnit.SECONDS);
            assertThat(error).as("the open connection is told and closed").isNotNull().contains("TOKEN_REVOKED");
            await().atMost(Duration.ofSeconds(5)).until(() -> !c.isConnected());
        }
        for (String t : new String[] {token, refreshed}) {
            var me = http.get("/api/players/me", t);
            assertThat(me.status()).isEqualTo(401);
            assertThat(me.body().get("code").asString()).isEqualTo("UNAUTHORIZED");
            assertThat(http.post("/api/players/refresh", t, null).status()).as("no way back by refreshing").isEqualTo(401);
            try (var again = StompTestClient.attempt(port, t)) {
                assertThat(again.errors.poll(10, TimeUnit.SECONDS)).contains("valid token");
            }
        }
        assertThat(players.findById(id).orElseThrow().getTokensRevokedAt()).as("stored, so a restart keeps it").isNotNull();
        var room = http.get("/api/rooms/" + roomId, http.guest(name("bob")).get("token").asString());
        assertThat(room.status() == 404 || room.body().get("players").isEmpty()).as("the signed-out player left its room: " + room.raw()).isTrue();
    }

    @Test
    void signOutNeedsAValidToken() {
        assertThat(http.post("/api/players/sign-out", null, null).status()).isEqualTo(401);
        assertThat(http.post("/api/players/sign-out", "x.y.1.2.zz", null).status()).isEqualTo(401);
    }

    @Test
    void otherPlayersAreUnaffected() {
        JsonNode alice = http.guest(name("alice"));
        JsonNode bob = http.guest(name("bob"));
        assertThat(http.post("/api/players/sign-out", alice.get("token").asString(), null).status()).isEqualTo(204);
        assertThat(http.get("/api/players/me", bob.get("token").asString()).status()).isEqualTo(200);
    }
}
