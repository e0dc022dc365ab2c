package dev.skirmish.lobby.limits;

import dev.skirmish.lobby.support.Http;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Attack: one player creates and leaves room after room; each left room lingers, listed, until it expires. */
class RoomCreationFloodTest extends LimitedLobbyTestBase {

    @Test
    void aPlayerCreatesThreeRoomsThenGets429WithRetryAfter() throws Exception {
        var http = new Http(port, "127.0.0.73");
        String token = http.guest(name("rooms")).get("token").asString();
        for (int i = 0; i < 3; i++) {
            var created = http.post("/api/rooms", token, "{\"name\":\"spam " + i + "\",\"capacity\":2}");
            assertThat(created.status()).as(created.raw()).isEqualTo(201);
            assertThat(http.post("/api/rooms/" + created.body().get("id").asString() + "/leave", token, null).status()).isEqualTo(200);
        }
        assertLimited(http.exchange("POST", "/api/rooms", token, "{\"name\":\"one more\",\"capacity\":2}"), "ROOM_RATE_LIMITED");

        String other = http.guest(name("rooms")).get("token").asString();
        assertThat(http.post("/api/rooms", other, "{\"name\":\"mine\",\"capacity\":2}").status()).as("a per-player limit").isEqualTo(201);
    }
}
