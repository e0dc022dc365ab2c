package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.security.PlayerAuthentication;
import dev.skirmish.lobby.rooms.RoomService;
import dev.skirmish.lobby.security.PlayerToken;
import dev.skirmish.lobby.support.ServiceTestBase;
import dev.skirmish.lobby.config.LobbyProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.messaging.SessionConnectedEvent;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The seat survives a disconnect for the reconnect window (600 ms in tests), and only then counts as a leave. A
 * reconnect that a loaded machine only let happen after the window proves nothing and is tried again.
 */
class ReconnectWindowTest extends ServiceTestBase {
    @Autowired
    RoomService rooms;
    @Autowired
    StompSessions sessions;
    @Autowired
    LobbyProperties props;

    private String connect(PlayerToken p) {
        String sessionId = UUID.randomUUID().toString();
        var msg = MessageBuilder.createMessage(new byte[0], new org.springframework.messaging.MessageHeaders(Map.of("simpSessionId", sessionId)));
        sessions.connected(new SessionConnectedEvent(this, msg, new PlayerAuthentication(p)));
        return sessionId;
    }

    private void disconnect(PlayerToken p, String sessionId) {
        var msg = MessageBuilder.createMessage(new byte[0], new org.springframework.messaging.MessageHeaders(Map.of("simpSessionId", sessionId)));
        sessions.disconnected(new SessionDisconnectEvent(this, msg, sessionId, CloseStatus.GOING_AWAY, new PlayerAuthentication(p)));
    }

    @Test
    void aDisconnectLongerThanTheWindowIsALeave() {
        var alice = player("alice");
        var bob = player("bob");
        var room = rooms.create(alice, "flaky", 4, false);
        rooms.join(bob, room.id(), null);
        String s = connect(bob);
        disconnect(bob, s);
        assertThat(rooms.isMember(bob.playerId(), room.id())).as("seat kept right after the disconnect").isTrue();
        // the seat index changes inside the leave's transaction, before its commit: wait for the committed room
        await().atMost(Duration.ofSeconds(5)).until(() -> rooms.get(room.id(), alice.playerId()).players().size() == 1);
        assertThat(rooms.isMember(bob.playerId(), room.id())).isFalse();
    }

    @Test
    void aReconnectWithinTheWindowKeepsTheSeat() {
        for (int attempt = 1; ; attempt++) {
            var alice = player("alice");
            var room = rooms.create(alice, "steady", 4, false);
            String first = connect(alice);
            Instant gone = Instant.now();
            disconnect(alice, first);
            connect(alice);
            // 50 ms: the window's timer may fire that early by the wall clock
            if (attempt < 5 && !Instant.now().isBefore(gone.plus(props.reconnectWindow()).minusMillis(50))) continue;
            await().during(Duration.ofMillis(1200)).atMost(Duration.ofSeconds(10)).until(() -> rooms.isMember(alice.playerId(), room.id()));
            return;
        }
    }

    @Test
    void closingOneOfTwoSocketsKeepsTheSeat() {
        var alice = player("alice");
        var room = rooms.create(alice, "two tabs", 4, false);
        String first = connect(alice);
        connect(alice);
        disconnect(alice, first);
        await().during(Duration.ofMillis(1200)).atMost(Duration.ofSeconds(10)).until(() -> rooms.isMember(alice.playerId(), room.id()));
    }
}
