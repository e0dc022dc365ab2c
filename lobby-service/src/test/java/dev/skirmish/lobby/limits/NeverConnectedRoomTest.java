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
        String watcher = http.guest(name("watch")).get("token").asString();
        // carol's WebSocket is open before she sits down: her seat is never idle, however long the steps here take
        // on a loaded machine (opened after the room, a slow connect could let her 2 s run out first)
        try (var socket = connect(carol.get("id").asString(), carolToken)) {
            String carolRoom = http.post("/api/rooms", carolToken, "{\"name\":\"lived in\",\"capacity\":4}").body().get("id").asString();
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> http.get("/api/rooms/" + ghostRoom, watcher).status() == 404);
            // and it stays past the time an idle seat and then its empty room would have taken (2 s + 600 ms)
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(http.get("/api/rooms/" + carolRoom, watcher).status())
                            .as("a member with a WebSocket keeps the room").isEqualTo(200));
        }
    }
}
