package dev.skirmish.lobby.limits;

import dev.skirmish.lobby.support.Http;
import java.time.Duration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Attack: sign up, create a room and never open a WebSocket: no disconnect ever starts the reconnect window, so the
 * seat, and the room with it, stayed forever. Idle seats now go after {@code idle-room-ttl} (2 s here), then the
 * room is removed like any empty one.
 */
class NeverConnectedRoomTest extends LimitedLobbyTestBase {

    @Test
    void aRoomWhoseOnlyMemberNeverConnectsIsRemovedWhileAConnectedMembersRoomStays() {
        var http = new Http(port, "127.0.0.80");
        String ghost = http.guest(name("ghost")).get("token").asString();
        String ghostRoom = http.post("/api/rooms", ghost, "{\"name\":\"haunted\",\"capacity\":4}").body().get("id").asString();

        var carol = http.guest(name("carol"));
        String carolToken = carol.get("token").asString();
        String carolRoom = http.post("/api/rooms", carolToken, "{\"name\":\"lived in\",\"capacity\":4}").body().get("id").asString();
        String watcher = http.guest(name("watch")).get("token").asString();
        try (var socket = connect(carol.get("id").asString(), carolToken)) {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> http.get("/api/rooms/" + ghostRoom, watcher).status() == 404);
            assertThat(http.get("/api/rooms/" + carolRoom, watcher).status()).as("a member with a WebSocket keeps the room").isEqualTo(200);
        }
    }
}
