package dev.skirmish.lobby.admin;

import dev.skirmish.lobby.support.FakeOrchestrator;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Kick from a room, close a room, stop a session: operator only, each in the audit log. */
class RoomModerationTest extends AdminTestBase {
    @Test
    void anOperatorKicksAPlayerClosesTheRoomAndStopsASession() {
        JsonNode owner = http.guest(name("owner"));
        JsonNode pest = http.guest(name("pest"));
        String ownerToken = owner.get("token").asString();
        String roomId = http.post("/api/rooms", ownerToken, "{\"name\":\"modded\",\"capacity\":4}").body().get("id").asString();
        assertThat(http.post("/api/rooms/" + roomId + "/join", pest.get("token").asString(), null).status()).isEqualTo(200);
        String admin = adminToken();

        var kicked = http.post("/api/admin/rooms/" + roomId + "/players/" + pest.get("id").asString() + "/kick", admin,
                "{\"reason\":\"griefing\"}");
        assertThat(kicked.status()).isEqualTo(200);
        assertThat(kicked.body().get("players").toString()).doesNotContain(pest.get("id").asString()).contains(owner.get("id").asString());

        var closed = http.post("/api/admin/rooms/" + roomId + "/close", admin, "{\"reason\":\"spam room\"}");
        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.body().get("players")).isEmpty();
        assertThat(http.get("/api/players/me", ownerToken).status()).as("members are not banned").isEqualTo(200);

        String sessionId = FakeOrchestrator.shared().liveSessionWithoutLobby(roomId, java.time.Instant.now());
        assertThat(http.post("/api/admin/sessions/" + sessionId + "/stop", admin, "{\"reason\":\"stuck\"}").status()).isEqualTo(204);
        assertThat(FakeOrchestrator.shared().stopped()).contains(sessionId);

        String audit = http.get("/api/admin/audit?limit=50", admin).body().toString();
        assertThat(audit).contains("\"action\":\"KICK\",\"target\":\"" + pest.get("id").asString() + "\"")
                .contains("\"action\":\"CLOSE_ROOM\",\"target\":\"" + roomId + "\"")
                .contains("\"action\":\"STOP_SESSION\",\"target\":\"" + sessionId + "\"");
    }

    /** Attack: a player kicks others out of rooms it does not own, closes rooms or stops other people's matches. */
    @Test
    void playersCannotKickCloseOrStop() {
        JsonNode owner = http.guest(name("owner"));
        JsonNode mallory = http.guest(name("mallory"));
        String roomId = http.post("/api/rooms", owner.get("token").asString(), "{\"name\":\"mine\",\"capacity\":4}").body().get("id").asString();
        String token = mallory.get("token").asString();
        String body = "{\"reason\":\"x\"}";
        assertThat(http.post("/api/admin/rooms/" + roomId + "/players/" + owner.get("id").asString() + "/kick", token, body).status()).isEqualTo(401);
        assertThat(http.post("/api/admin/rooms/" + roomId + "/close", token, body).status()).isEqualTo(401);
        String sessionId = FakeOrchestrator.shared().liveSessionWithoutLobby(roomId, java.time.Instant.now());
        assertThat(http.post("/api/admin/sessions/" + sessionId + "/stop", token, body).status()).isEqualTo(401);
        assertThat(FakeOrchestrator.shared().stopped()).doesNotContain(sessionId);
        assertThat(http.get("/api/rooms/" + roomId, owner.get("token").asString()).body().get("players")).hasSize(1);
    }

    @Test
    void unknownRoomsAndBadIdsAreRefusedWithACode() {
        String admin = adminToken();
        var none = http.post("/api/admin/rooms/" + UUID.randomUUID() + "/close", admin, "{\"reason\":\"x\"}");
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.body().get("code").asString()).isEqualTo("ROOM_NOT_FOUND");
        var bad = http.post("/api/admin/sessions/..%2F..%2Fx/stop", admin, "{\"reason\":\"x\"}");
        assertThat(bad.status()).isIn(400, 404);
        var odd = http.post("/api/admin/sessions/not-a-uuid!/stop", admin, "{\"reason\":\"x\"}");
        assertThat(odd.status()).isEqualTo(400);
    }
}
