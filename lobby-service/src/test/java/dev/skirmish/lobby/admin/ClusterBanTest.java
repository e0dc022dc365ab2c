package dev.skirmish.lobby.admin;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two lobby nodes on one database (an H2 file shared in this JVM, as a cluster shares PostgreSQL). Attack: a banned
 * player keeps playing through the other node; a mute is dodged the same way.
 */
class ClusterBanTest {
    @TempDir
    Path dir;

    @Test
    void aBanAndAMuteMadeOnOneNodeHoldOnTheOtherAndAnUnbanToo() {
        try (var a = FileLobby.start(dir); var b = FileLobby.start(dir)) {
            var onA = a.http;
            var onB = b.http;
            JsonNode cheat = onB.guest("cheat");
            String id = cheat.get("id").asString();
            String token = cheat.get("token").asString();
            assertThat(onB.get("/api/players/me", token).status()).isEqualTo(200);

            String admin = a.signIn();
            assertThat(onA.post("/api/admin/players/" + id + "/ban", admin, "{\"reason\":\"aimbot\"}").status()).isEqualTo(204);
            // within a few sweeps (300 ms apart here; the bound is generous for a loaded machine's timer thread)
            await().atMost(Duration.ofSeconds(30)).until(() -> onB.get("/api/players/me", token).status() == 401);

            assertThat(onA.exchange("DELETE", "/api/admin/players/" + id + "/ban", admin, "{\"reason\":\"appeal\"}").statusCode()).isEqualTo(204);
            await().atMost(Duration.ofSeconds(30)).until(() -> onB.get("/api/players/me", token).status() == 200);

            assertThat(onA.post("/api/admin/players/" + id + "/mute", admin, "{\"durationSeconds\":600,\"reason\":\"insults\"}").status())
                    .isEqualTo(200);
            String adminB = b.signIn();
            await().atMost(Duration.ofSeconds(30)).until(() -> !onB.get("/api/admin/players/" + id, adminB).body().get("mute").isNull());
        }
    }
}
