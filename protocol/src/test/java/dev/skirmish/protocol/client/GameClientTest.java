package dev.skirmish.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.skirmish.protocol.connection.ClientState;
import dev.skirmish.protocol.connection.ServerEvent;
import dev.skirmish.protocol.packet.InputFrame;
import dev.skirmish.protocol.packet.NetEvent;
import dev.skirmish.protocol.token.ConnectTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real UDP sockets on 127.0.0.1: the client against a small server built from the same endpoint classes. */
class GameClientTest extends TinyServerTestBase {
    GameClientTest() {
        super("s-9");
    }

    @Test
    void twoPlayersConnectPlayAndReceiveSnapshotsAndEvents() throws Exception {
        try (GameClient alice = GameClient.connect(token("s-9", "alice", key), Duration.ofSeconds(5));
             GameClient bob = GameClient.connect(token("s-9", "bob", key), Duration.ofSeconds(5))) {
            assertThat(alice.playerIndex()).isZero();
            assertThat(bob.playerIndex()).isEqualTo(1);
            for (int i = 0; i < 20; i++) {
                alice.sendInput(InputFrame.RIGHT | (i == 10 ? InputFrame.PISTOL : 0));
                bob.sendInput(InputFrame.LEFT);
            }
            long aliceLast = alice.lastInputSequence();
            await().atMost(Duration.ofSeconds(5)).until(() -> alice.latestSnapshot() != null
                    && alice.latestSnapshot().lastInputSequence() == aliceLast);
            await().atMost(Duration.ofSeconds(5)).until(() -> bob.world().players().size() == 2);
            await().atMost(Duration.ofSeconds(5)).until(() -> alice.world().players().get(0).x() == 20 * 8);
            assertThat(alice.world().players().get(0).xPixels()).isEqualTo(20f);
            await().atMost(Duration.ofSeconds(5)).until(() -> bob.world().players().get(1).x() == -20 * 8);

            List<NetEvent> bobEvents = new ArrayList<>();
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                bobEvents.addAll(bob.drainEvents());
                return !bobEvents.isEmpty();
            });
            assertThat(bobEvents).singleElement().satisfies(e -> {
                assertThat(e.kind()).isEqualTo(7);
                assertThat(e.data()).containsExactly(0);
            });
            assertThat(alice.maxPacketBytes()).isLessThanOrEqualTo(1200);
            assertThat(alice.awaitSnapshot(alice.latestSnapshot().tick() + 2, Duration.ofSeconds(5))).isTrue();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> server.events().stream()
                .filter(e -> e instanceof ServerEvent.PlayerDisconnected).count() == 2);
    }

    @Test
    void aNameOutsideTheMatchIsRefusedQuickly() throws Exception {
        String carol = token("s-9", "carol", key);
        assertThatThrownBy(() -> GameClient.connect(carol, Duration.ofSeconds(5)))
                .isInstanceOf(GameClientException.class).hasMessageContaining("DENIED")
                .hasMessageContaining("NAME_NOT_ALLOWED");
    }

    @Test
    void tokensForAnotherSessionOrKeyGetNoAnswer() throws Exception {
        for (String bad : List.of(token("s-other", "alice", key), token("s-9", "alice", ConnectTokens.newSessionKey()))) {
            assertThatThrownBy(() -> GameClient.connect(bad, Duration.ofMillis(600)))
                    .isInstanceOf(GameClientException.class).hasMessageContaining("SENDING_REQUEST");
        }
        assertThat(server.events()).isEmpty();
    }

    @Test
    void reconnectWithTheSameTokenGetsTheSamePlayer() throws Exception {
        String token = token("s-9", "bob", key);
        GameClient first = GameClient.connect(token, Duration.ofSeconds(5));
        int index = first.playerIndex();
        first.close();
        assertThat(first.state()).isEqualTo(ClientState.DISCONNECTED);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.events().stream()
                .anyMatch(e -> e instanceof ServerEvent.PlayerDisconnected));
        try (GameClient again = GameClient.connect(token, Duration.ofSeconds(5))) {
            assertThat(again.playerIndex()).isEqualTo(index);
            // the server records the event right after it sent the confirmation: wait for it, do not race it
            await().atMost(Duration.ofSeconds(5)).until(() -> server.events()
                    .contains(new ServerEvent.PlayerConnected(index, "id-bob", "bob", true)));
        }
    }
}
