package dev.skirmish.lobby.admin;

import dev.skirmish.lobby.support.StompTestClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Mutes and bans outlive a lobby restart: two lobbies one after the other on the same H2 file. Attack: a muted or
 * banned player waits for (or provokes) a restart to be free again.
 */
class ModerationRestartTest {
    @TempDir
    Path dir;

    @Test
    void aMuteAndTimedBansSurviveARestartAndEndOnTime() throws InterruptedException {
        String trollId, trollToken, cheatId, cheatToken, briefToken;
        Instant muteEnd;
        try (var first = FileLobby.start(dir)) {
            var http = first.http;
            JsonNode troll = http.guest("troll");
            trollId = troll.get("id").asString();
            trollToken = troll.get("token").asString();
            JsonNode cheat = http.guest("cheat");
            cheatId = cheat.get("id").asString();
            cheatToken = cheat.get("token").asString();
            JsonNode brief = http.guest("brief");
            briefToken = brief.get("token").asString();
            String briefId = brief.get("id").asString();
            String admin = first.signIn();
            var mute = http.post("/api/admin/players/" + trollId + "/mute", admin, "{\"durationSeconds\":600,\"reason\":\"insults\"}");
            muteEnd = Instant.parse(mute.body().get("until").asString());
            assertThat(http.post("/api/admin/players/" + cheatId + "/ban", admin, "{\"reason\":\"aimbot\",\"durationSeconds\":3600}").status())
                    .isEqualTo(204);
            assertThat(http.post("/api/admin/players/" + briefId + "/ban", admin, "{\"reason\":\"spam\",\"durationSeconds\":2}").status())
                    .isEqualTo(204);
        }
        try (var second = FileLobby.start(dir)) {
            int port = second.port;
            var http = second.http;
            try (var c = StompTestClient.connect(port, trollToken)) {
                // the errors subscription is live some moment after CONNECT: ask until an answer comes
                JsonNode refused = null;
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (refused == null && System.nanoTime() < deadline) {
                    c.chat("/app/lobby/chat", "free again?");
                    refused = c.userErrors.poll(500, TimeUnit.MILLISECONDS);
                }
                assertThat(refused).as("the mute outlived the restart").isNotNull();
                assertThat(refused.get("code").asString()).isEqualTo("CHAT_MUTED");
                assertThat(refused.get("message").asString()).contains(muteEnd.toString());
            }
            assertThat(http.get("/api/players/me", cheatToken).status()).as("still banned after the restart").isEqualTo(401);
            String admin = second.signIn();
            assertThat(http.get("/api/admin/players/" + cheatId, admin).body().get("ban").get("reason").asString()).isEqualTo("aimbot");
            // a timed ban that ended around the restart is lifted by this lobby's sweep
            await().atMost(Duration.ofSeconds(15)).until(() -> http.get("/api/players/me", briefToken).status() == 200);
            assertThat(http.get("/api/players/me", cheatToken).status()).isEqualTo(401);
        }
    }
}
