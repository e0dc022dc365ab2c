package dev.skirmish.lobby.admin;

import dev.skirmish.lobby.LobbyApplication;
import dev.skirmish.lobby.support.FakeOrchestrator;
import dev.skirmish.lobby.support.Http;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
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
        String hash = new BCryptPasswordEncoder(4).encode(AdminTestBase.PASSWORD);
        try (var a = node(hash); var b = node(hash)) {
            var onA = new Http(port(a));
            var onB = new Http(port(b));
            JsonNode cheat = onB.guest("cheat");
            String id = cheat.get("id").asString();
            String token = cheat.get("token").asString();
            assertThat(onB.get("/api/players/me", token).status()).isEqualTo(200);

            String admin = signIn(onA);
            assertThat(onA.post("/api/admin/players/" + id + "/ban", admin, "{\"reason\":\"aimbot\"}").status()).isEqualTo(204);
            // within a few sweeps (300 ms apart here; the bound is generous for a loaded machine's timer thread)
            await().atMost(Duration.ofSeconds(30)).until(() -> onB.get("/api/players/me", token).status() == 401);

            assertThat(onA.exchange("DELETE", "/api/admin/players/" + id + "/ban", admin, "{\"reason\":\"appeal\"}").statusCode()).isEqualTo(204);
            await().atMost(Duration.ofSeconds(30)).until(() -> onB.get("/api/players/me", token).status() == 200);

            assertThat(onA.post("/api/admin/players/" + id + "/mute", admin, "{\"durationSeconds\":600,\"reason\":\"insults\"}").status())
                    .isEqualTo(200);
            String adminB = signIn(onB);
            await().atMost(Duration.ofSeconds(30)).until(() -> !onB.get("/api/admin/players/" + id, adminB).body().get("mute").isNull());
        }
    }

    private ConfigurableApplicationContext node(String hash) {
        return new SpringApplicationBuilder(LobbyApplication.class).profiles("test").run(
                "--server.port=0", "--server.address=127.0.0.1",
                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("lobby").toAbsolutePath(),
                "--skirmish.lobby.orchestrator-url=" + FakeOrchestrator.shared().url(),
                "--skirmish.lobby.admin.operators[0].name=root",
                "--skirmish.lobby.admin.operators[0].password-hash=" + hash);
    }

    private static int port(ConfigurableApplicationContext ctx) {
        return Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port"));
    }

    private static String signIn(Http http) {
        var r = http.post("/api/admin/sign-in", null, "{\"name\":\"root\",\"password\":\"" + AdminTestBase.PASSWORD + "\"}");
        assertThat(r.status()).isEqualTo(200);
        return r.body().get("token").asString();
    }
}
