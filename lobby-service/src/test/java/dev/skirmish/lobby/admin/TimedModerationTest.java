package dev.skirmish.lobby.admin;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Bans with an end, and mutes, end by themselves; operators read both on the player and in the ban list. */
class TimedModerationTest extends AdminTestBase {
    /** A timed ban refuses the player's tokens until its end, then the sweep lifts it without an operator. */
    @Test
    void aTimedBanEndsByItself() {
        JsonNode cheat = http.guest(name("cheat"));
        String id = cheat.get("id").asString();
        String token = cheat.get("token").asString();
        String admin = adminToken();
        assertThat(http.post("/api/admin/players/" + id + "/ban", admin, "{\"reason\":\"griefing\",\"durationSeconds\":2}").status())
                .isEqualTo(204);
        assertThat(http.get("/api/players/me", token).status()).isEqualTo(401);

        JsonNode ban = http.get("/api/admin/players/" + id, admin).body().get("ban");
        Instant until = Instant.parse(ban.get("until").asString());
        assertThat(until).isBetween(Instant.now().minusSeconds(1), Instant.now().plusSeconds(3));
        assertThat(ban.get("reason").asString()).isEqualTo("griefing");
        assertThat(ban.get("operator").asString()).isEqualTo("root");
        assertThat(http.get("/api/admin/bans", admin).body().toString()).contains(id);

        await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/api/players/me", token).status() == 200);
        assertThat(http.get("/api/admin/players/" + id, admin).body().get("ban").isNull()).isTrue();
        assertThat(http.get("/api/admin/bans", admin).body().toString()).doesNotContain(id);
        assertThat(http.get("/api/admin/audit?limit=50", admin).body().toString()).contains("griefing (until " + until);
    }

    /** A ban given with an absolute end ({@code until}) is held just as long; without an end it stays. */
    @Test
    void aBanUntilAnInstantAndAPermanentBan() {
        String admin = adminToken();
        JsonNode a = http.guest(name("until"));
        Instant end = Instant.now().plusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        assertThat(http.post("/api/admin/players/" + a.get("id").asString() + "/ban", admin,
                "{\"reason\":\"spam\",\"until\":\"" + end + "\"}").status()).isEqualTo(204);
        assertThat(http.get("/api/admin/players/" + a.get("id").asString(), admin).body().get("ban").get("until").asString())
                .isEqualTo(end.toString());
        JsonNode b = http.guest(name("forever"));
        assertThat(http.post("/api/admin/players/" + b.get("id").asString() + "/ban", admin, "{\"reason\":\"cheat\"}").status()).isEqualTo(204);
        JsonNode ban = http.get("/api/admin/players/" + b.get("id").asString(), admin).body().get("ban");
        assertThat(ban.get("until").isNull()).isTrue();
    }

    /** A mute ends by itself: the player chats again without an operator, and the stored row is gone. */
    @Test
    void aMuteEndsByItself() {
        JsonNode p = http.guest(name("hothead"));
        String id = p.get("id").asString();
        String admin = adminToken();
        assertThat(http.post("/api/admin/players/" + id + "/mute", admin, "{\"durationSeconds\":1,\"reason\":\"cool down\"}").status())
                .isEqualTo(200);
        assertThat(http.get("/api/admin/players/" + id, admin).body().get("mute").get("reason").asString()).isEqualTo("cool down");
        await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/api/admin/players/" + id, admin).body().get("mute").isNull());
    }

    /** Bad ends are refused with a code: in the past, beyond ten years, or both kinds at once. */
    @Test
    void badBanEndsAreRefused() {
        String admin = adminToken();
        String id = http.guest(name("someone")).get("id").asString();
        String path = "/api/admin/players/" + id + "/ban";
        assertThat(http.post(path, admin, "{\"reason\":\"x\",\"until\":\"2020-01-01T00:00:00Z\"}").body().get("code").asString())
                .isEqualTo("INVALID_DURATION");
        assertThat(http.post(path, admin, "{\"reason\":\"x\",\"until\":\"+100000-01-01T00:00:00Z\"}").status()).isEqualTo(400);
        assertThat(http.post(path, admin, "{\"reason\":\"x\",\"durationSeconds\":0}").body().get("code").asString()).isEqualTo("INVALID_DURATION");
        assertThat(http.post(path, admin, "{\"reason\":\"x\",\"durationSeconds\":60,\"until\":\"" + Instant.now().plusSeconds(60) + "\"}")
                .body().get("code").asString()).isEqualTo("INVALID_DURATION");
        assertThat(http.get("/api/admin/players/" + id, admin).body().get("ban").isNull()).isTrue();
    }

    /** Attack: a player reads who is banned or muted, or searches players; every admin read needs role ADMIN. */
    @Test
    void playersCannotReadModeration() {
        JsonNode mallory = http.guest(name("mallory"));
        String token = mallory.get("token").asString();
        assertThat(http.get("/api/admin/bans", token).status()).isEqualTo(401);
        assertThat(http.get("/api/admin/players?name=mal", token).status()).isEqualTo(401);
        assertThat(http.get("/api/admin/players/" + mallory.get("id").asString(), token).status()).isEqualTo(401);
        assertThat(http.get("/api/admin/players?name=mal", null).status()).isEqualTo(401);
    }

    @Test
    void searchByName() {
        String admin = adminToken();
        String n = name("Seeker");
        String id = http.guest(n).get("id").asString();
        JsonNode found = http.get("/api/admin/players?name=" + n.toLowerCase(), admin).body();
        assertThat(found.toString()).contains(id);
        assertThat(http.get("/api/admin/players?name=" + "x".repeat(17), admin).body().get("code").asString()).isEqualTo("INVALID_NAME");
        assertThat(http.get("/api/admin/players?name=%3Cscript%3E", admin).status()).isEqualTo(400);
    }
}
