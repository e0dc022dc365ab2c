package dev.skirmish.lobby.limits;

import dev.skirmish.lobby.support.StompTestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Attack: one player token opens WebSocket after WebSocket, each holding buffers and a session in the broker. */
class WebSocketConnectionFloodTest extends LimitedLobbyTestBase {
    @Autowired
    WsConnectionLimit limit;

    @Test
    void aThirdConnectionOfOnePlayerGetsAnErrorFrameAndAClosedSlotIsGivenBack() {
        var guest = guestFrom("127.0.0.76", "sockets");
        String id = guest.get("id").asString();
        String token = guest.get("token").asString();
        List<StompTestClient> open = new ArrayList<>();
        try {
            open.add(connect(id, token));
            open.add(connect(id, token));
            var third = StompTestClient.attempt(port, token);
            open.add(third);
            await().atMost(Duration.ofSeconds(10)).until(() -> !third.errors.isEmpty());
            assertThat(third.errors.peek()).startsWith(WsConnectionLimit.CODE);
            assertThat(third.isConnected()).isFalse();

            open.removeFirst().close();
            // the slot comes back when the socket is closed
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> open.add(StompTestClient.connect(port, token)));
        } finally {
            open.forEach(StompTestClient::close);
        }
        // and the per-player count goes once the player has no socket left
        await().atMost(Duration.ofSeconds(10)).until(() -> limit.trackedPlayers() == 0);
    }
}
