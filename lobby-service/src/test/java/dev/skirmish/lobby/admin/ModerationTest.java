package dev.skirmish.lobby.admin;

import dev.skirmish.lobby.support.StompTestClient;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.skirmish.lobby.support.StompTestClient.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Mute and ban, each enforced where the player acts, and each in the audit log. */
class ModerationTest extends AdminTestBase {
    /** Attack: a player floods or insults others in chat; once muted, its room and lobby chat are refused. */
    @Test
    void aMutedPlayersChatIsRefusedUntilUnmuted() {
        JsonNode troll = http.guest(name("troll"));
        String id = troll.get("id").asString();
        String token = troll.get("token").asString();
        String roomId = http.post("/api/rooms", token, "{\"name\":\"loud\",\"capacity\":2}").body().get("id").asString();
        String admin = adminToken();
        try (var c = connect(id, token)) {
            var roomChat = c.subscribe("/topic/rooms/" + roomId + "/chat");
            awaitSubscribed(id, "/topic/rooms/" + roomId + "/chat");

            var muted = http.post("/api/admin/players/" + id + "/mute", admin, "{\"durationSeconds\":600,\"reason\":\"insults\"}");
            assertThat(muted.status()).isEqualTo(200);
            Instant until = Instant.parse(muted.body().get("until").asString());
            assertThat(until).isAfter(Instant.now().plusSeconds(590));

            c.chat("/app/rooms/" + roomId + "/chat", "still here");
            JsonNode refused = next(c.userErrors, null);
            assertThat(refused.get("code").asString()).isEqualTo("CHAT_MUTED");
            assertThat(refused.get("message").asString()).contains(until.toString()).contains("insults");
            c.chat("/app/lobby/chat", "and here");
            assertThat(next(c.userErrors, null).get("code").asString()).isEqualTo("CHAT_MUTED");

            assertThat(http.exchange("DELETE", "/api/admin/players/" + id + "/mute", admin, null).statusCode()).isEqualTo(204);
            c.chat("/app/rooms/" + roomId + "/chat", "sorry");
            assertThat(next(roomChat, null).get("text").asString()).isEqualTo("sorry");
            assertThat(http.get("/api/rooms/" + roomId + "/chat", token).body().get("items")).hasSize(1);
        }
        var audit = http.get("/api/admin/audit?limit=50", admin).body();
        assertThat(audit.toString()).contains("\"action\":\"MUTE\",\"target\":\"" + id + "\"").contains("insults")
                .contains("\"action\":\"UNMUTE\",\"target\":\"" + id + "\"");
    }

    /** Attack: a banned player keeps playing on its open connection or signs back in by refreshing its token. */
    @Test
    void aBannedPlayersConnectionIsClosedAtOnceAndItsTokensAreDead() throws InterruptedException {
        JsonNode cheat = http.guest(name("cheat"));
        String id = cheat.get("id").asString();
        String token = cheat.get("token").asString();
        String admin = adminToken();
        try (var c = connect(id, token)) {
            assertThat(http.post("/api/admin/players/" + id + "/ban", admin, "{\"reason\":\"aimbot\"}").status()).isEqualTo(204);
            String error = c.errors.poll(10, TimeUnit.SECONDS);
            assertThat(error).as("told and closed at once").isNotNull().contains("TOKEN_REVOKED");
            await().atMost(Duration.ofSeconds(5)).until(() -> !c.isConnected());
        }
        assertThat(http.get("/api/players/me", token).status()).isEqualTo(401);
        assertThat(http.post("/api/players/refresh", token, null).status()).isEqualTo(401);
        try (var again = StompTestClient.attempt(port, token)) {
            assertThat(again.errors.poll(10, TimeUnit.SECONDS)).contains("valid token");
        }
        assertThat(http.get("/api/admin/audit?limit=50", admin).body().toString())
                .contains("\"action\":\"BAN\",\"target\":\"" + id + "\"").contains("aimbot");

        // lifted: the same token works again (it is still within its lifetime), and a new STOMP connection opens
        assertThat(http.exchange("DELETE", "/api/admin/players/" + id + "/ban", admin, "{\"reason\":\"appeal upheld\"}").statusCode()).isEqualTo(204);
        assertThat(http.get("/api/players/me", token).status()).isEqualTo(200);
        try (var back = connect(id, token)) {
            assertThat(back.isConnected()).isTrue();
        }
        assertThat(http.get("/api/admin/audit?limit=50", admin).body().toString()).contains("\"action\":\"UNBAN\"");
    }

    /** Attack: a player mutes or bans another (or itself out of a mute); every moderation call needs role ADMIN. */
    @Test
    void playersCannotModerate() {
        JsonNode mallory = http.guest(name("mallory"));
        JsonNode victim = http.guest(name("victim"));
        String path = "/api/admin/players/" + victim.get("id").asString();
        String token = mallory.get("token").asString();
        assertThat(http.post(path + "/mute", token, "{\"durationSeconds\":600,\"reason\":\"x\"}").status()).isEqualTo(401);
        assertThat(http.post(path + "/ban", token, "{\"reason\":\"x\"}").status()).isEqualTo(401);
        assertThat(http.exchange("DELETE", path + "/mute", token, null).statusCode()).isEqualTo(401);
        assertThat(http.post(path + "/ban", null, "{\"reason\":\"x\"}").status()).isEqualTo(401);
        assertThat(http.get("/api/players/me", victim.get("token").asString()).status()).as("the victim is untouched").isEqualTo(200);
    }

    @Test
    void badModerationInputsAreRefusedWithACode() {
        String admin = adminToken();
        String id = http.guest(name("someone")).get("id").asString();
        var tooLong = http.post("/api/admin/players/" + id + "/mute", admin, "{\"durationSeconds\":99999999,\"reason\":\"x\"}");
        assertThat(tooLong.body().get("code").asString()).isEqualTo("INVALID_DURATION");
        var noReason = http.post("/api/admin/players/" + id + "/ban", admin, "{}");
        assertThat(noReason.body().get("code").asString()).isEqualTo("INVALID_REASON");
        var hugeReason = http.post("/api/admin/players/" + id + "/ban", admin, "{\"reason\":\"" + "x".repeat(501) + "\"}");
        assertThat(hugeReason.body().get("code").asString()).isEqualTo("INVALID_REASON");
        var nobody = http.post("/api/admin/players/nobody/ban", admin, "{\"reason\":\"x\"}");
        assertThat(nobody.status()).isEqualTo(404);
        assertThat(nobody.body().get("code").asString()).isEqualTo("PLAYER_NOT_FOUND");
        assertThat(http.get("/api/players/me", http.guest(name("fine")).get("token").asString()).status()).isEqualTo(200);
    }
}
